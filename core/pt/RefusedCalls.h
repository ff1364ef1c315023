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

} // namespace ds::pt
