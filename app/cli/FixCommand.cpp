// dimstudio fix: apply the suggested fixes of a torch.export error text to a
// spec, without Python: what `verify --fix` does in one round.
#include "CommandOptions.h"

#include "runner/VerifyReportText.h"
#include "verdict/ApplyVerdict.h"

#include <QFile>

namespace ds::cli {

int runFix(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Apply what torch.export said (its error text: 'Constraints violated', 'Suggested "
        "fixes:', or 'You marked ... as dynamic but your code specialized it') to the spec, as "
        "torch's refine_dynamic_shapes_from_suggested_fixes does. The spec goes to stdout (or "
        "-o), the changes to stderr (stdout with -o). Exit 0 when something was applied, 1 when "
        "the text holds nothing to apply, 2 on bad input."));
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("The inputs: a .pt file, a type string or "
                                                "DimStudio JSON."));
    const QCommandLineOption spec =
        specOption(QStringLiteral("The spec torch refused (default: all dimensions dynamic)."));
    const QCommandLineOption log(QStringLiteral("torch-error"),
                                 QStringLiteral("A file holding torch's error text."),
                                 QStringLiteral("LOG"));
    const QCommandLineOption layout = layoutOption();
    const QCommandLineOption format = specFormatOption();
    const QCommandLineOption output(QStringList{QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Write the fixed spec there (format by "
                                                   "extension unless --format is given)."),
                                    QStringLiteral("OUT"));
    parser.addOptions({spec, log, layout, format, output});
    if (auto done = parseArguments(parser, args))
        return *done;
    const auto file = singleFile(parser, QStringLiteral("fix"));
    if (!file)
        return reportError(file.error());
    if (!parser.isSet(log))
        return reportError(Error(QStringLiteral("fix needs --torch-error LOG, a file holding "
                                                "torch's error text")));
    auto outFormat = specFormatValue(parser, format);
    if (!outFormat)
        return reportError(outFormat.error());
    if (parser.isSet(output) && !parser.isSet(format))
        if (auto byName = specFormatForPath(parser.value(output)))
            outFormat = *byName;

    QFile logFile(parser.value(log));
    if (!logFile.open(QIODevice::ReadOnly))
        return reportError(Error(QStringLiteral("cannot open: %1").arg(logFile.errorString()),
                                 QString(), parser.value(log)));
    if (logFile.size() > 16 * 1024 * 1024)
        return reportError(
            Error(QStringLiteral("too large for an error text (%1 bytes)").arg(logFile.size()),
                  QString(), parser.value(log)));
    const verdict::TorchVerdict verdict =
        verdict::parseTorchError(QString::fromUtf8(logFile.readAll()));
    if (verdict.isEmpty())
        return reportError(Error(QStringLiteral("no torch.export verdict in this text: no "
                                                "'Suggested fixes:', no violations"),
                                 QString(), parser.value(log)));

    const auto opened = openCommandSession(file.value(), parser, layout, &spec);
    if (!opened)
        return reportError(opened.error());
    const session::Session& session = opened.value().session;
    const verdict::VerdictOutcome outcome =
        verdict::applyVerdict(session.tree(), session.spec(), verdict);
    const QString changes = runner::verdictChangesText(outcome, session.tree());
    const QString fixed = spec::writeSpec(outFormat.value(), session.tree(), outcome.spec);
    if (parser.isSet(output)) {
        if (const Status written = writeTextFile(parser.value(output), fixed); !written)
            return reportError(written.error());
        printOut(changes);
    } else {
        printOut(fixed);
        if (!changes.isEmpty())
            printNote(
                changes.trimmed().replace(QLatin1Char('\n'), QStringLiteral("\ndimstudio: ")));
    }
    return outcome.changes.empty() ? kExitFindings : kExitOk;
}

} // namespace ds::cli
