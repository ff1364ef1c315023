#pragma once

#include "InputValue.h"
#include "Result.h"

#include <functional>

namespace ds::text {

// Text appended after a tensor's shape, e.g. onnx-diagnostic's with_min_max
// "[0.1,0.9:A0.5]"; empty for none.
using TensorSuffix = std::function<QString(const TensorInfo&)>;

struct TypeStringOptions {
    TensorSuffix tensorSuffix;
    // with_min_max also shows known scalar values: int=3, float=0.5, bool=True.
    bool scalarValues = false;
};

// onnx-diagnostic's string_type(obj, with_shape=True), formats.md §1.
QString typeString(const InputValue& value, const TypeStringOptions& options);
QString typeString(const InputValue& value, const TensorSuffix& suffix = {});

// The reverse: a tree from a compact type string pasted from a log. Lists and
// tuples shown as "#N[first,...]" come back as N copies of their first item;
// scalars come back without a value. Errors give the column (1-based).
Result<InputValue::Ptr> parseTypeString(const QString& text);

} // namespace ds::text
