#pragma once

#include "InputLoader.h"
#include "Result.h"
#include "spec/ShapeSpec.h"
#include "spec/SpecAligner.h"

#include <QStringList>

namespace ds::cli {

// Exit codes: 0 success, 1 "differs"/"has errors" (compare, check), 2 bad input.
constexpr int kExitOk = 0;
constexpr int kExitFindings = 1;
constexpr int kExitBadInput = 2;

// Prints "dimstudio: error: FILE: message (at where)" on stderr; returns 2.
int reportError(const Error& error);
void printWarning(const QString& text);
void printOut(const QString& text);

// Loads FILE and prints the reader's warnings on stderr.
Result<LoadedInputs> loadInputsReporting(const QString& path);

// A spec file: DimStudio JSON, or a Python literal/snippet. `layout` is set from
// a saved spec when the user did not choose one.
struct LoadedSpecText {
    PyValue::Ptr value;
    SpecSource source = SpecSource::Python;
    std::optional<CacheLayout> savedLayout;
};
Result<LoadedSpecText> readSpecFile(const QString& path);

// Aligns a spec file with the inputs; structure problems are errors naming the spec file.
Result<ShapeSpec> specForInputs(const ExportTree& tree, const LoadedSpecText& spec,
                                const QString& specPath);

int runInspect(const QStringList& args);
int runSpec(const QStringList& args);
// plot legend|shapes: needs a QApplication (main creates one for it).
int runPlot(const QStringList& args);
// compare / check / guess: reference specs, checks and guessing (core/analysis).
int runCompare(const QStringList& args);
int runCheck(const QStringList& args);
int runGuess(const QStringList& args);

} // namespace ds::cli
