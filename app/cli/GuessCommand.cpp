// dimstudio guess: the dynamic dimensions several input sets reveal.
#include "CommandOptions.h"

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
    const QCommandLineOption format = specFormatOption();
    const QCommandLineOption names(
        QStringLiteral("names"),
        QStringLiteral("Dimension names: position (d_i_j, default) or semantic "
                       "(batch, seq, cache, ... by size pattern)."),
        QStringLiteral("NAMES"), QStringLiteral("position"));
    const QCommandLineOption layout = layoutOption();
    parser.addOptions({format, names, layout});
    if (auto done = parseArguments(parser, args))
        return *done;
    const QStringList files = parser.positionalArguments();
    if (files.size() < 2)
        return reportError(Error(QStringLiteral("guess needs two or more input files")));
    const auto outputFormat = specFormatValue(parser, format);
    if (!outputFormat)
        return reportError(outputFormat.error());
    const auto naming = analysis::guessNamingFromName(parser.value(names));
    if (!naming)
        return reportError(
            Error(QStringLiteral("unknown names '%1' (expected position or semantic)")
                      .arg(parser.value(names))));
    const auto chosen = layoutValue(parser, layout);
    if (!chosen)
        return reportError(chosen.error());
    const caches::CacheLayout chosenLayout =
        chosen.value().value_or(caches::CacheLayout::Transformers);

    std::vector<LoadedInputs> sets;
    for (const QString& file : files) {
        auto loaded = loadInputsReporting(file);
        if (!loaded)
            return reportError(loaded.error());
        sets.push_back(std::move(loaded).value());
    }
    const auto guessed = session::Session::guess(std::move(sets), chosenLayout, *naming);
    if (!guessed)
        return reportError(guessed.error());
    printOut(guessed.value().specText(outputFormat.value()));
    return kExitOk;
}

} // namespace ds::cli
