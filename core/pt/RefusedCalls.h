#pragma once

#include <QString>

namespace ds::pt {

// True for functions and classes whose only purpose in a pickle is to run
// code, touch files, the network or other processes (os.system, builtins.eval,
// subprocess.Popen, ...). DimStudio never calls anything; a file that asks for
// one of these is refused instead of opened with a warning, because its author
// wanted code to run on load and nothing an inputs file legitimately holds
// needs them. `qualifiedName` is "module.name".
bool isRefusedCall(const QString& qualifiedName);

// Judges a GLOBAL (or STACK_GLOBAL) the way Python's unpickler resolves it:
// it imports `module` (which alone can run code), then follows `name`
// attribute by attribute, so "torch" + "os.system" is os.system (torch
// imports os). Refused: a refused call (isRefusedCall) as named or reached
// through any dotted part, a dunder attribute (__globals__, __builtins__,
// ...) anywhere in a dotted name. The reason, in words, or empty when the
// name is not refused (it may still be unrecognised: a placeholder).
QString refusedGlobalReason(const QString& module, const QString& name);

} // namespace ds::pt
