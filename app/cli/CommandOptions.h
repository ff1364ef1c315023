#pragma once

// What the sub-commands share: option wording, argument checks, and opening
// FILE with its --spec, so that every command behaves and words errors alike.
#include "CommandLine.h"
#include "analysis/ReferenceSpec.h"
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

// FILE and --spec, read and checked, with the layout they imply: --layout,
// else the one a saved spec records, else `fallbackLayout`, else transformers.
struct CommandInputs {
    LoadedInputs inputs;
    std::optional<analysis::SpecText> spec;
    QString specPath;
    caches::CacheLayout layout = caches::CacheLayout::Transformers;
    bool layoutChosen = false; // --layout was given
};
Result<CommandInputs>
openCommandInputs(const QString& file, const QCommandLineParser& parser,
                  const QCommandLineOption& layout, const QCommandLineOption* spec,
                  std::optional<caches::CacheLayout> fallbackLayout = std::nullopt);

// --spec aligned with the inputs (structure problems are errors naming the spec
// file), or every dimension dynamic when there is no --spec.
Result<spec::ShapeSpec> specOrAllDynamic(const spec::ExportTree& tree, const CommandInputs& inputs);

} // namespace ds::cli
