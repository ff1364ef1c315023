#include "CommandOptions.h"

namespace ds::cli {

QCommandLineOption layoutOption() {
    return QCommandLineOption(QStringLiteral("layout"),
                              QStringLiteral("Cache layout: transformers (default) or flat."),
                              QStringLiteral("LAYOUT"));
}

QCommandLineOption specOption(const QString& description) {
    return QCommandLineOption(QStringLiteral("spec"), description, QStringLiteral("SPEC"));
}

QCommandLineOption specFormatOption() {
    return QCommandLineOption(QStringLiteral("format"),
                              QStringLiteral("Output: %1 (default pprint).")
                                  .arg(spec::allFormatNames().join(QStringLiteral(", "))),
                              QStringLiteral("FORMAT"), QStringLiteral("pprint"));
}

QCommandLineOption reportFormatOption() {
    return QCommandLineOption(QStringLiteral("format"),
                              QStringLiteral("Report: text (default) or json."),
                              QStringLiteral("FORMAT"), QStringLiteral("text"));
}

std::optional<int> parseArguments(QCommandLineParser& parser, const QStringList& args) {
    parser.addHelpOption();
    if (!parser.parse(args))
        return reportError(Error(parser.errorText()));
    if (parser.isSet(QStringLiteral("help"))) {
        printOut(parser.helpText());
        return kExitOk;
    }
    return std::nullopt;
}

Result<QString> singleFile(const QCommandLineParser& parser, const QString& command) {
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1)
        return Error(QStringLiteral("%1 takes exactly one FILE").arg(command));
    return files.first();
}

Result<std::optional<caches::CacheLayout>> layoutValue(const QCommandLineParser& parser,
                                                       const QCommandLineOption& option) {
    if (!parser.isSet(option))
        return std::optional<caches::CacheLayout>();
    const auto layout = caches::layoutFromName(parser.value(option));
    if (!layout)
        return Error(QStringLiteral("unknown layout '%1' (expected transformers or flat)")
                         .arg(parser.value(option)));
    return layout;
}

Result<spec::SpecFormat> specFormatValue(const QCommandLineParser& parser,
                                         const QCommandLineOption& option) {
    const auto format = spec::formatFromName(parser.value(option));
    if (!format)
        return Error(
            QStringLiteral("unknown format '%1' (expected %2)")
                .arg(parser.value(option), spec::allFormatNames().join(QStringLiteral(", "))));
    return *format;
}

Result<bool> reportIsJson(const QCommandLineParser& parser, const QCommandLineOption& option) {
    const QString report = parser.value(option);
    if (report != QLatin1String("text") && report != QLatin1String("json"))
        return Error(QStringLiteral("unknown format '%1' (expected text or json)").arg(report));
    return report == QLatin1String("json");
}

Result<CommandInputs> openCommandInputs(const QString& file, const QCommandLineParser& parser,
                                        const QCommandLineOption& layout,
                                        const QCommandLineOption* spec,
                                        std::optional<caches::CacheLayout> fallbackLayout) {
    auto chosen = layoutValue(parser, layout);
    if (!chosen)
        return chosen.error();
    auto loaded = loadInputsReporting(file);
    if (!loaded)
        return loaded.error();
    CommandInputs result;
    result.inputs = std::move(loaded).value();
    if (spec && parser.isSet(*spec)) {
        result.specPath = parser.value(*spec);
        auto text = analysis::readSpecText(result.specPath);
        if (!text)
            return text.error();
        result.spec = std::move(text).value();
    }
    result.layoutChosen = chosen.value().has_value();
    std::optional<caches::CacheLayout> layoutInUse = chosen.value();
    if (!layoutInUse && result.spec)
        layoutInUse = result.spec->savedLayout;
    if (!layoutInUse)
        layoutInUse = fallbackLayout;
    result.layout = layoutInUse.value_or(caches::CacheLayout::Transformers);
    return result;
}

Result<spec::ShapeSpec> specOrAllDynamic(const spec::ExportTree& tree,
                                         const CommandInputs& inputs) {
    if (!inputs.spec)
        return spec::ShapeSpec::allDynamic(tree);
    const spec::AlignedSpec aligned = alignReference(tree, *inputs.spec);
    if (aligned.issues.empty())
        return aligned.spec;
    const spec::StructureIssue& first = aligned.issues.front();
    QString message = first.message;
    if (aligned.issues.size() > 1)
        message +=
            QStringLiteral(" (and %1 more structure problems)").arg(aligned.issues.size() - 1);
    return Error(QStringLiteral("the spec does not match the inputs: ") + message,
                 first.path.isEmpty() ? QStringLiteral("the top level") : first.path,
                 inputs.specPath);
}

} // namespace ds::cli
