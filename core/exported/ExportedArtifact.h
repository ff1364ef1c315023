#pragma once

#include "ExportedShapes.h"
#include "Result.h"

namespace ds::exported {

// What any export artifact says of its inputs, sniffed from its first bytes:
// a zip is a saved exported program (readExportedProgram), anything else is
// read as an ONNX model (readOnnxModel), whose parse refuses what is not one.
Result<ExportedShapes> readExportedArtifact(const QString& path);

} // namespace ds::exported
