// dimstudio guess: the dynamic dimensions several input sets reveal.
#include "CommandLine.h"

#include "analysis/SpecGuess.h"
#include "spec/SpecWriters.h"

#include <QCommandLineParser>

namespace ds::cli {

int runGuess(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Guess a dynamic_shapes spec from two or more input sets of one model: a dimension is "
        "dynamic when its size differs between the sets (or is 0 in all of them)."));
    parser.addPositionalArgument(
        QStringLiteral("FILE"),
        QStringLiteral("Two or more .pt files, type strings or DimStudio JSON."),
        QStringLiteral("FILE FILE..."));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("Output: %1 (default pprint).")
                                        .arg(allFormatNames().join(QStringLiteral(", "))),
                                    QStringLiteral("FORMAT"), QStringLiteral("pprint"));
    const QCommandLineOption names(
        QStringLiteral("names"),
        QStringLiteral("Dimension names: position (d_i_j, default) or semantic "
                       "(batch, seq, cache, ... by size pattern)."),
        QStringLiteral("NAMES"), QStringLiteral("position"));
    const QCommandLineOption layout(QStringLiteral("layout"),
                                    QStringLiteral("Cache layout: transformers (default) or flat."),
                                    QStringLiteral("LAYOUT"), QStringLiteral("transformers"));
    parser.addOptions({format, names, layout});
    parser.addHelpOption();
    if (!parser.parse(args))
        return reportError(Error(parser.errorText()));
    if (parser.isSet(QStringLiteral("help"))) {
        printOut(parser.helpText());
        return kExitOk;
    }
    const QStringList files = parser.positionalArguments();
    if (files.size() < 2)
        return reportError(Error(QStringLiteral("guess needs two or more input files")));
    const auto outputFormat = formatFromName(parser.value(format));
    if (!outputFormat)
        return reportError(
            Error(QStringLiteral("unknown format '%1' (expected %2)")
                      .arg(parser.value(format), allFormatNames().join(QStringLiteral(", ")))));
    const auto naming = guessNamingFromName(parser.value(names));
    if (!naming)
        return reportError(
            Error(QStringLiteral("unknown names '%1' (expected position or semantic)")
                      .arg(parser.value(names))));
    const auto chosenLayout = layoutFromName(parser.value(layout));
    if (!chosenLayout)
        return reportError(
            Error(QStringLiteral("unknown layout '%1' (expected transformers or flat)")
                      .arg(parser.value(layout))));

    std::vector<InputSet> sets;
    for (const QString& file : files) {
        auto loaded = loadInputsReporting(file);
        if (!loaded)
            return reportError(loaded.error());
        sets.push_back({loaded.value().root, file});
    }
    auto guessed = guessSpec(sets, *chosenLayout, *naming);
    if (!guessed)
        return reportError(guessed.error());
    const ExportTree tree(guessed.value().inputs, *chosenLayout);
    printOut(writeSpec(*outputFormat, tree, guessed.value().spec));
    return kExitOk;
}

} // namespace ds::cli
