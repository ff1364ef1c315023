#pragma once

#include "InputValue.h"
#include "PickleInterpreter.h"
#include "PickleLimits.h"
#include "Result.h"

namespace ds::pt {

// Names the bytes being read so that errors say "byte 1234 of archive/data.pkl".
struct PickleSource {
    QString name;          // entry or file name
    qint64 baseOffset = 0; // added to positions (a pickle inside a larger file)
};

struct PickleOutcome {
    InputValue::Ptr root;
    qint64 consumed = 0; // bytes up to and including STOP
};

// Runs one pickle (protocols 0 to 5) up to its STOP opcode as a stack machine
// that executes nothing: GLOBAL yields a name, and everything that would call
// code goes to `interpreter`, which only describes. The result is checked
// before it is returned: no cycles, nesting within limits.maxDepth, and a walk
// that follows shared references visits at most limits.maxExpandedValues nodes,
// so later recursive code cannot loop or explode. Every failure is an Error
// whose `where` is the byte offset of the offending opcode.
Result<PickleOutcome> runPickle(const char* data, qint64 size, const PickleSource& source,
                                PickleInterpreter& interpreter, const PickleLimits& limits = {});

} // namespace ds::pt
