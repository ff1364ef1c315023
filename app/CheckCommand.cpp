// dimstudio check: what torch.export will do to a spec before anyone runs it.
#include "CommandLine.h"

#include "analysis/ReferenceSpec.h"
#include "analysis/SpecCheck.h"

#include <QCommandLineParser>

namespace ds::cli {

int runCheck(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Check a spec against FILE's example inputs (all dimensions dynamic, or --spec). "
        "Exit 0 when there is no error (warnings allowed), 1 on any error finding, 2 on bad "
        "input."));
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("A .pt file, a type string or DimStudio JSON."));
    const QCommandLineOption specOption(
        QStringLiteral("spec"),
        QStringLiteral("The spec: a Python literal, DimStudio JSON or a dynamic_axes mapping."),
        QStringLiteral("SPEC"));
    const QCommandLineOption layout(QStringLiteral("layout"),
                                    QStringLiteral("Cache layout: transformers (default) or flat."),
                                    QStringLiteral("LAYOUT"));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("Report: text (default) or json."),
                                    QStringLiteral("FORMAT"), QStringLiteral("text"));
    parser.addOptions({specOption, layout, format});
    parser.addHelpOption();
    if (!parser.parse(args))
        return reportError(Error(parser.errorText()));
    if (parser.isSet(QStringLiteral("help"))) {
        printOut(parser.helpText());
        return kExitOk;
    }
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1)
        return reportError(Error(QStringLiteral("check takes exactly one FILE")));
    const QString report = parser.value(format);
    if (report != QLatin1String("text") && report != QLatin1String("json"))
        return reportError(
            Error(QStringLiteral("unknown format '%1' (expected text or json)").arg(report)));
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
    std::optional<SpecText> specText;
    if (parser.isSet(specOption)) {
        auto read = readSpecText(parser.value(specOption));
        if (!read)
            return reportError(read.error());
        specText = read.value();
        if (!chosenLayout)
            chosenLayout = specText->savedLayout;
    }
    const ExportTree tree(loaded.value().root, chosenLayout.value_or(CacheLayout::Transformers));

    std::vector<CheckFinding> findings;
    if (!specText) {
        findings = checkSpec(tree, ShapeSpec::allDynamic(tree));
    } else if (looksLikeDynamicAxes(tree, *specText->value)) {
        findings =
            checkAlignedSpec(tree, alignReference(tree, *specText, ReferenceFormat::DynamicAxes));
    } else {
        const AlignedSpec aligned = alignReference(tree, *specText, ReferenceFormat::DynamicShapes);
        findings = checkSpecValue(tree, *specText->value, specText->source, aligned);
    }
    if (report == QLatin1String("json"))
        printOut(QString::fromUtf8(findingsToJson(findings)));
    else
        printOut(findingsToText(findings));
    return hasErrors(findings) ? kExitFindings : kExitOk;
}

} // namespace ds::cli
