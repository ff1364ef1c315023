#include "CommandOptions.h"

#include <QSaveFile>

namespace ds::cli {

QCommandLineOption layoutOption() {
    return QCommandLineOption(
        QStringLiteral("layout"),
        QStringLiteral("Cache layout: transformers (default), flat or layers."),
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
        return Error(QStringLiteral("unknown layout '%1' (expected transformers, flat or layers)")
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

std::optional<spec::SpecFormat> specFormatForPath(const QString& path) {
    if (path.endsWith(QLatin1String(".json")))
        return spec::SpecFormat::Json;
    if (path.endsWith(QLatin1String(".py")))
        return spec::SpecFormat::Python;
    if (path.endsWith(QLatin1String(".txt")))
        return spec::SpecFormat::Pprint;
    return std::nullopt;
}

Status writeTextFile(const QString& path, const QString& text) {
    QSaveFile file(path);
    const QByteArray bytes = text.toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error(QStringLiteral("cannot write: %1").arg(file.errorString()), QString(), path);
    return okStatus();
}

Result<CommandSession> openCommandSession(const QString& file, const QCommandLineParser& parser,
                                          const QCommandLineOption& layout,
                                          const QCommandLineOption* spec, bool specFindings,
                                          const session::SpecSource* layoutHint) {
    auto chosen = layoutValue(parser, layout);
    if (!chosen)
        return chosen.error();
    auto loaded = loadInputsReporting(file);
    if (!loaded)
        return loaded.error();
    std::optional<session::SpecSource> specSource;
    if (spec && parser.isSet(*spec)) {
        auto read = session::readSpecFile(parser.value(*spec));
        if (!read)
            return read.error();
        specSource = std::move(read).value();
    }
    const session::SpecSource* implies = specSource ? &*specSource : layoutHint;
    CommandSession result{
        session::Session::open(std::move(loaded).value(), chosen.value(), implies),
        chosen.value().has_value()};
    if (specSource)
        if (const Status used = result.session.useSpec(*specSource, !specFindings); !used)
            return used.error();
    return result;
}

} // namespace ds::cli
