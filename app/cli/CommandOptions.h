#pragma once

// What the sub-commands share: option wording, argument checks, and opening
// FILE with its --spec, so that every command behaves and words errors alike.
#include "CommandLine.h"
#include "session/Session.h"
#include "spec/SpecWriters.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <optional>

namespace ds::cli {

QCommandLineOption layoutOption();
QCommandLineOption specOption(const QString& description);
QCommandLineOption specFormatOption();   // --format pprint|json|python|onnx-dynamo|dynamic-axes
QCommandLineOption reportFormatOption(); // --format text|json

// Parses `args` (program name first). nullopt: go on; otherwise the exit code
// to return (help printed, or the parse error reported).
std::optional<int> parseArguments(QCommandLineParser& parser, const QStringList& args);
// Exactly one FILE: "COMMAND takes exactly one FILE" otherwise.
Result<QString> singleFile(const QCommandLineParser& parser, const QString& command);

Result<std::optional<caches::CacheLayout>> layoutValue(const QCommandLineParser& parser,
                                                       const QCommandLineOption& option);
Result<spec::SpecFormat> specFormatValue(const QCommandLineParser& parser,
                                         const QCommandLineOption& option);
// true for json, false for text.
Result<bool> reportIsJson(const QCommandLineParser& parser, const QCommandLineOption& option);

// The spec format a file name implies: .json DimStudio JSON, .py the
// torch.export snippet, .txt pprint; nullopt for anything else.
std::optional<spec::SpecFormat> specFormatForPath(const QString& path);
// Writes `text` (UTF-8) with QSaveFile: a failed write leaves the old file.
Status writeTextFile(const QString& path, const QString& text);

// FILE as a session, with --layout and --spec. The layout: --layout, else
// the one the spec (or `layoutHint`, e.g. compare's reference) was saved in or
// is written in, else transformers. --spec is read against the inputs; its
// structure problems are an error naming the spec unless `specFindings`,
// where they become the checks' findings.
struct CommandSession {
    session::Session session;
    bool layoutChosen = false; // --layout was given
};
Result<CommandSession> openCommandSession(const QString& file, const QCommandLineParser& parser,
                                          const QCommandLineOption& layout,
                                          const QCommandLineOption* spec, bool specFindings = false,
                                          const session::SpecSource* layoutHint = nullptr);

} // namespace ds::cli
