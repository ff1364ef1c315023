// dimstudio compare: where a spec differs from a reference, dimension by dimension.
#include "CommandOptions.h"

#include "analysis/SpecComparison.h"

namespace ds::cli {

int runCompare(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Compare a spec for FILE's inputs (all dimensions dynamic, or --spec) with a reference "
        "spec, dimension by dimension. Exit 0 when they agree, 1 when anything differs, 2 on "
        "bad input."));
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("A .pt file, a type string or DimStudio JSON."));
    const QCommandLineOption reference(
        QStringLiteral("reference"),
        QStringLiteral(
            "The reference: a Python literal, DimStudio JSON or a dynamic_axes mapping."),
        QStringLiteral("REF"));
    const QCommandLineOption referenceFormat(
        QStringLiteral("reference-format"),
        QStringLiteral("How to read REF: auto (default), dynamic-shapes or dynamic-axes."),
        QStringLiteral("KIND"), QStringLiteral("auto"));
    const QCommandLineOption spec =
        specOption(QStringLiteral("The spec to compare (default: all dimensions dynamic)."));
    const QCommandLineOption layout = layoutOption();
    const QCommandLineOption format = reportFormatOption();
    const QCommandLineOption all(
        QStringLiteral("all"), QStringLiteral("List every dimension, not only those that differ."));
    parser.addOptions({reference, referenceFormat, spec, layout, format, all});
    if (auto done = parseArguments(parser, args))
        return *done;
    const auto file = singleFile(parser, QStringLiteral("compare"));
    if (!file)
        return reportError(file.error());
    if (!parser.isSet(reference))
        return reportError(Error(QStringLiteral("compare needs --reference REF")));
    const auto json = reportIsJson(parser, format);
    if (!json)
        return reportError(json.error());
    const auto readAs = analysis::referenceFormatFromName(parser.value(referenceFormat));
    if (!readAs)
        return reportError(Error(QStringLiteral("unknown reference format '%1' (expected auto, "
                                                "dynamic-shapes or dynamic-axes)")
                                     .arg(parser.value(referenceFormat))));
    if (auto chosen = layoutValue(parser, layout); !chosen)
        return reportError(chosen.error());
    auto referenceSource = session::readSpecFile(parser.value(reference));
    if (!referenceSource)
        return reportError(referenceSource.error());
    // The reference's layout applies when neither --layout nor --spec says.
    auto opened =
        openCommandSession(file.value(), parser, layout, &spec, false, &referenceSource.value());
    if (!opened)
        return reportError(opened.error());
    session::Session& session = opened.value().session;
    session.setReference(std::move(referenceSource).value(), *readAs);
    const analysis::SpecComparison comparison = session.compare();
    const bool listSame = parser.isSet(all);
    printOut(json.value() ? QString::fromUtf8(comparisonToJson(comparison, listSame))
                          : comparisonToText(comparison, listSame));
    return comparison.summary.clean() ? kExitOk : kExitFindings;
}

} // namespace ds::cli
