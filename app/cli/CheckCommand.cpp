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
    parser.addOptions({spec, layout, format});
    if (auto done = parseArguments(parser, args))
        return *done;
    const auto file = singleFile(parser, QStringLiteral("check"));
    if (!file)
        return reportError(file.error());
    const auto json = reportIsJson(parser, format);
    if (!json)
        return reportError(json.error());
    const auto inputs = openCommandInputs(file.value(), parser, layout, &spec);
    if (!inputs)
        return reportError(inputs.error());
    const spec::ExportTree tree(inputs.value().inputs.root, inputs.value().layout);

    std::vector<analysis::CheckFinding> findings;
    const std::optional<analysis::SpecText>& text = inputs.value().spec;
    if (!text) {
        findings = analysis::checkSpec(tree, spec::ShapeSpec::allDynamic(tree));
    } else if (analysis::looksLikeDynamicAxes(tree, *text->value)) {
        findings = analysis::checkAlignedSpec(
            tree, alignReference(tree, *text, analysis::ReferenceFormat::DynamicAxes));
    } else {
        const spec::AlignedSpec aligned =
            alignReference(tree, *text, analysis::ReferenceFormat::DynamicShapes);
        findings = analysis::checkSpecValue(tree, *text->value, text->source, aligned);
    }
    printOut(json.value() ? QString::fromUtf8(findingsToJson(findings)) : findingsToText(findings));
    return finishWithoutCleanup(hasErrors(findings) ? kExitFindings : kExitOk);
}

} // namespace ds::cli
