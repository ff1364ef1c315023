#pragma once

#include "Result.h"
#include "formats/InputFormats.h"

#include <QStringList>

namespace ds::cli {

// Exit codes: 0 success, 1 "differs"/"has errors" (compare, check), 2 bad input.
constexpr int kExitOk = 0;
constexpr int kExitFindings = 1;
constexpr int kExitBadInput = 2;

// Prints "dimstudio: error: FILE: message (at where)" on stderr; returns 2.
int reportError(const Error& error);
void printWarning(const QString& text);
// "dimstudio: TEXT" on stderr: progress of long commands.
void printNote(const QString& text);
void printOut(const QString& text);

// Ends the process with `code` once the output is flushed, without
// destroying what the command built: the tree of a file of 100,000 tensors
// takes tens of milliseconds to free, memory the system takes back at once
// anyway (compilers do the same: clang's -disable-free). Sanitizer builds
// return `code` instead, so that their leak check still sees everything freed.
int finishWithoutCleanup(int code);

// Loads FILE and prints the reader's warnings on stderr.
Result<LoadedInputs> loadInputsReporting(const QString& path);

// A sub-command ran out of memory after reading (reading itself reports it
// as an error value): names the last file loaded and the command; returns 2.
int reportOutOfMemory(const QString& command);

int runInspect(const QStringList& args);
int runSpec(const QStringList& args);
// plot legend|shapes: needs a QApplication (main creates one for it).
int runPlot(const QStringList& args);
// compare / check / guess: reference specs, checks and guessing (core/analysis).
int runCompare(const QStringList& args);
int runCheck(const QStringList& args);
int runGuess(const QStringList& args);
// verify / fix: the export loop (core/runner) and torch's verdict (core/verdict).
int runVerify(const QStringList& args);
int runFix(const QStringList& args);
int runDiff(const QStringList& args);
// runner: writes the export runner as a Python module (its pytree registrations).
int runRunner(const QStringList& args);

} // namespace ds::cli
