#pragma once

#include "Result.h"

#include <QStringList>

#include <functional>

class QLibrary;

namespace ds {

// A shared module DimStudio loads the first time it is needed, so that
// starting and opening files load neither LibTorch (tensor values,
// core/tensordata) nor protobuf (ONNX models, core/onnxmodel).
struct OnDemandModule {
    const char* baseName; // "dimstudio_tensordata": the file is lib<baseName>.so
    const char* envVar;   // a file that overrides the search
    const char* folder;   // its folder under core/ in a build tree
    QString buildDir;     // where this build put it
};

// Where it is looked for, in order: $envVar, next to the executable,
// ../lib/dimstudio, the build tree seen from the executable, `buildDir`; the
// system's library path when none exists.
QStringList moduleLocations(const OnDemandModule& module);

// Loads the first location that loads and that `accept` takes (it resolves
// the module's functions and checks its ABI version); the library then stays
// loaded for the process. The path on success; the error lists what was tried.
Result<QString> loadOnDemandModule(const OnDemandModule& module,
                                   const std::function<bool(QLibrary&)>& accept);

} // namespace ds
