// dimstudio check: what torch.export will do to a spec before anyone runs it.
#include "CommandOptions.h"

#include "analysis/SpecCheck.h"

namespace ds::cli {

int runCheck(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Check a spec against FILE's example inputs (all dimensions dynamic, or --spec). "
        "Exit 0 when there is no error (warnings allowed), 1 on any error finding, 2 on bad "
        "input."));
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("A .pt file, a type string or DimStudio JSON."));
    const QCommandLineOption spec = specOption(
        QStringLiteral("The spec: a Python literal, DimStudio JSON or a dynamic_axes mapping."));
    const QCommandLineOption layout = layoutOption();
    const QCommandLineOption format = reportFormatOption();
    const QCommandLineOption other(
        QStringLiteral("other-inputs"),
        QStringLiteral("Another example set of the same inputs (repeatable): sizes equal in every "
                       "set under two names, and sums, are checked over all sets."),
        QStringLiteral("FILE2"));
    parser.addOptions({spec, layout, format, other});
    if (auto done = parseArguments(parser, args))
        return *done;
    const auto file = singleFile(parser, QStringLiteral("check"));
    if (!file)
        return reportError(file.error());
    const auto json = reportIsJson(parser, format);
    if (!json)
        return reportError(json.error());
    // Structure problems of --spec are findings here, not a refusal.
    auto opened = openCommandSession(file.value(), parser, layout, &spec, true);
    if (!opened)
        return reportError(opened.error());
    session::Session& session = opened.value().session;
    for (const QString& path : parser.values(other)) {
        auto loaded = loadInputsReporting(path);
        if (!loaded)
            return reportError(loaded.error());
        if (const Status added = session.addOtherSet(loaded.value()); !added)
            return reportError(added.error());
    }
    const std::vector<analysis::CheckFinding> findings = session.check();
    printOut(json.value() ? QString::fromUtf8(findingsToJson(findings)) : findingsToText(findings));
    return finishWithoutCleanup(hasErrors(findings) ? kExitFindings : kExitOk);
}

} // namespace ds::cli
