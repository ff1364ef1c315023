// dimstudio inspect: the compact type string of FILE's inputs.
#include "CommandOptions.h"

#include "pt/TensorValues.h"
#include "text/TypeString.h"

namespace ds::cli {

int runInspect(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Print the compact type string of FILE's inputs."));
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("A .pt file, a type string or DimStudio JSON."));
    const QCommandLineOption values(
        QStringLiteral("values"),
        QStringLiteral("Also read tensor data (torch.save files) and print min, max and mean "
                       "as onnx-diagnostic's with_min_max does: T1s2x3[0.1,0.9:A0.5]."));
    parser.addOption(values);
    if (auto done = parseArguments(parser, args))
        return *done;
    const auto file = singleFile(parser, QStringLiteral("inspect"));
    if (!file)
        return reportError(file.error());
    auto loaded = loadInputsReporting(file.value());
    if (!loaded)
        return reportError(loaded.error());
    text::TypeStringOptions options;
    if (parser.isSet(values)) {
        if (!loaded.value().format.startsWith(QLatin1String("torch")))
            return reportError(Error(QStringLiteral("--values needs a torch.save file: a %1 "
                                                    "holds shapes but no tensor data")
                                         .arg(loaded.value().format),
                                     QString(), file.value()));
        // Only now is LibTorch loaded: metadata never needs it.
        auto suffix = pt::makeValueSuffixProvider(file.value());
        if (!suffix)
            return reportError(suffix.error());
        options.tensorSuffix = suffix.value();
        options.scalarValues = true;
    }
    printOut(typeString(*loaded.value().root, options) + QLatin1Char('\n'));
    return finishWithoutCleanup(kExitOk);
}

} // namespace ds::cli
