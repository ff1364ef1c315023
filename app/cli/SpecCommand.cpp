// dimstudio spec: the dynamic_shapes spec of FILE's inputs, in any format.
#include "CommandOptions.h"

#include "analysis/SpecCheck.h"

namespace ds::cli {

int runSpec(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Print the dynamic_shapes spec of FILE's inputs: all dimensions dynamic, "
                       "or the saved spec given with --spec."));
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("A .pt file, a type string or DimStudio JSON."));
    const QCommandLineOption layout = layoutOption();
    const QCommandLineOption format = specFormatOption();
    const QCommandLineOption spec = specOption(QStringLiteral(
        "A saved spec: DimStudio JSON, a Python literal, or a dynamic_axes mapping."));
    parser.addOptions({layout, format, spec});
    if (auto done = parseArguments(parser, args))
        return *done;
    const auto file = singleFile(parser, QStringLiteral("spec"));
    if (!file)
        return reportError(file.error());
    const auto outputFormat = specFormatValue(parser, format);
    if (!outputFormat)
        return reportError(outputFormat.error());
    const auto opened = openCommandSession(file.value(), parser, layout, &spec);
    if (!opened)
        return reportError(opened.error());
    const session::Session& session = opened.value().session;
    // Tensors the spec has no place for are never silently None.
    for (const analysis::CheckFinding& f : analysis::unpassedTensors(session.tree()))
        printWarning(QStringLiteral("%1: %2 (at %3)")
                         .arg(file.value(), f.message,
                              f.path.isEmpty() ? QStringLiteral("the top level") : f.path));
    printOut(session.specText(outputFormat.value()));
    return finishWithoutCleanup(kExitOk);
}

} // namespace ds::cli
