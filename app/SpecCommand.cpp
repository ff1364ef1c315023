#include "CommandLine.h"

#include "spec/SpecWriters.h"

#include <QCommandLineParser>

namespace ds::cli {

int runSpec(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Print the dynamic_shapes spec of FILE's inputs: all dimensions dynamic, "
                       "or the saved spec given with --spec."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("A .pt file, a type string or DimStudio JSON."));
    const QCommandLineOption layout(QStringLiteral("layout"),
                                    QStringLiteral("Cache layout: transformers (default) or flat."),
                                    QStringLiteral("LAYOUT"));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("Output: %1 (default pprint).").arg(allFormatNames().join(QStringLiteral(", "))),
                                    QStringLiteral("FORMAT"), QStringLiteral("pprint"));
    const QCommandLineOption specOption(QStringLiteral("spec"),
                                        QStringLiteral("A saved spec (JSON from --format json, or a Python literal)."),
                                        QStringLiteral("SPEC"));
    parser.addOptions({layout, format, specOption});
    parser.addHelpOption();
    if (!parser.parse(args))
        return reportError(Error(parser.errorText()));
    if (parser.isSet(QStringLiteral("help"))) {
        printOut(parser.helpText());
        return kExitOk;
    }
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1)
        return reportError(Error(QStringLiteral("spec takes exactly one FILE")));
    const auto outputFormat = formatFromName(parser.value(format));
    if (!outputFormat)
        return reportError(Error(QStringLiteral("unknown format '%1' (expected %2)")
                                     .arg(parser.value(format), allFormatNames().join(QStringLiteral(", ")))));
    std::optional<CacheLayout> chosenLayout;
    if (parser.isSet(layout)) {
        chosenLayout = layoutFromName(parser.value(layout));
        if (!chosenLayout)
            return reportError(Error(QStringLiteral("unknown layout '%1' (expected transformers or flat)")
                                         .arg(parser.value(layout))));
    }

    auto loaded = loadInputsReporting(files.first());
    if (!loaded)
        return reportError(loaded.error());

    std::optional<LoadedSpecText> specText;
    if (parser.isSet(specOption)) {
        auto read = readSpecFile(parser.value(specOption));
        if (!read)
            return reportError(read.error());
        specText = read.value();
        if (!chosenLayout)
            chosenLayout = specText->savedLayout;
    }
    const ExportTree tree(loaded.value().root, chosenLayout.value_or(CacheLayout::Transformers));
    ShapeSpec spec = ShapeSpec::allDynamic(tree);
    if (specText) {
        auto aligned = specForInputs(tree, *specText, parser.value(specOption));
        if (!aligned)
            return reportError(aligned.error());
        spec = aligned.value();
    }
    printOut(writeSpec(*outputFormat, tree, spec));
    return kExitOk;
}

} // namespace ds::cli
