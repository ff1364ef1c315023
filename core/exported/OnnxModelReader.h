#pragma once

#include "ExportedShapes.h"
#include "Result.h"

namespace ds::exported {

// An ONNX model's graph inputs (those that are not initializers), each size
// its dim_value or dim_param, parsed with ONNX's own protobuf classes
// (Debian's libonnx-dev) in the module core/onnxmodel, loaded the first time
// a model is read, so that nothing else pays for protobuf. External data is
// never opened: a model whose
// weights live beside it reads without them. ONNX keeps no ranges and no
// pytree paths: inputs line up with the tree by the flat names torch.onnx
// gives them (past_key_values_key_cache_0), else by position.
Result<ExportedShapes> readOnnxModel(const QString& path);

// Whether the file starts like an ONNX model rather than a zip archive (a
// saved exported program): the first protobuf field of a ModelProto.
bool looksLikeOnnx(const QByteArray& head);

} // namespace ds::exported
