// dimstudio compare: where a spec differs from a reference, dimension by dimension.
#include "CommandLine.h"

#include "analysis/ReferenceSpec.h"
#include "analysis/SpecComparison.h"

#include <QCommandLineParser>

namespace ds::cli {

namespace {

// The spec being compared: FILE's all-dynamic spec, or --spec aligned with it.
Result<ShapeSpec> currentSpec(const ExportTree& tree, const std::optional<SpecText>& text,
                              const QString& path) {
    if (!text)
        return ShapeSpec::allDynamic(tree);
    const AlignedSpec aligned = alignReference(tree, *text);
    if (aligned.issues.empty())
        return aligned.spec;
    const StructureIssue& first = aligned.issues.front();
    QString message = first.message;
    if (aligned.issues.size() > 1)
        message +=
            QStringLiteral(" (and %1 more structure problems)").arg(aligned.issues.size() - 1);
    return Error(QStringLiteral("the spec does not match the inputs: ") + message,
                 first.path.isEmpty() ? QStringLiteral("the top level") : first.path, path);
}

} // namespace

int runCompare(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Compare a spec for FILE's inputs (all dimensions dynamic, or --spec) with "
                       "a reference spec, "
                       "dimension by dimension. Exit 0 when they agree, 1 when anything differs, 2 "
                       "on bad input."));
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
    const QCommandLineOption specOption(
        QStringLiteral("spec"),
        QStringLiteral("The spec to compare (default: all dimensions dynamic)."),
        QStringLiteral("SPEC"));
    const QCommandLineOption layout(QStringLiteral("layout"),
                                    QStringLiteral("Cache layout: transformers (default) or flat."),
                                    QStringLiteral("LAYOUT"));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("Report: text (default) or json."),
                                    QStringLiteral("FORMAT"), QStringLiteral("text"));
    const QCommandLineOption all(
        QStringLiteral("all"), QStringLiteral("List every dimension, not only those that differ."));
    parser.addOptions({reference, referenceFormat, specOption, layout, format, all});
    parser.addHelpOption();
    if (!parser.parse(args))
        return reportError(Error(parser.errorText()));
    if (parser.isSet(QStringLiteral("help"))) {
        printOut(parser.helpText());
        return kExitOk;
    }
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1)
        return reportError(Error(QStringLiteral("compare takes exactly one FILE")));
    if (!parser.isSet(reference))
        return reportError(Error(QStringLiteral("compare needs --reference REF")));
    const QString report = parser.value(format);
    if (report != QLatin1String("text") && report != QLatin1String("json"))
        return reportError(
            Error(QStringLiteral("unknown format '%1' (expected text or json)").arg(report)));
    const auto readAs = referenceFormatFromName(parser.value(referenceFormat));
    if (!readAs)
        return reportError(Error(QStringLiteral("unknown reference format '%1' (expected auto, "
                                                "dynamic-shapes or dynamic-axes)")
                                     .arg(parser.value(referenceFormat))));
    std::optional<CacheLayout> chosenLayout;
    if (parser.isSet(layout)) {
        chosenLayout = layoutFromName(parser.value(layout));
        if (!chosenLayout)
            return reportError(
                Error(QStringLiteral("unknown layout '%1' (expected transformers or flat)")
                          .arg(parser.value(layout))));
    }

    auto loaded = loadInputsReporting(files.first());
    if (!loaded)
        return reportError(loaded.error());
    auto referenceText = readSpecText(parser.value(reference));
    if (!referenceText)
        return reportError(referenceText.error());
    std::optional<SpecText> specText;
    if (parser.isSet(specOption)) {
        auto read = readSpecText(parser.value(specOption));
        if (!read)
            return reportError(read.error());
        specText = read.value();
    }
    // An explicit --layout wins; else the layout a saved spec records.
    if (!chosenLayout && specText)
        chosenLayout = specText->savedLayout;
    if (!chosenLayout)
        chosenLayout = referenceText.value().savedLayout;

    const ExportTree tree(loaded.value().root, chosenLayout.value_or(CacheLayout::Transformers));
    auto here = currentSpec(tree, specText, parser.value(specOption));
    if (!here)
        return reportError(here.error());
    const AlignedSpec aligned = alignReference(tree, referenceText.value(), *readAs);
    const SpecComparison comparison = compareSpecs(tree, here.value(), aligned);
    const bool listSame = parser.isSet(all);
    if (report == QLatin1String("json"))
        printOut(QString::fromUtf8(comparisonToJson(comparison, listSame)));
    else
        printOut(comparisonToText(comparison, listSame));
    return comparison.summary.clean() ? kExitOk : kExitFindings;
}

} // namespace ds::cli
