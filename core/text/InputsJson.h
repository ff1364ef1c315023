#pragma once

#include "InputValue.h"
#include "Result.h"

#include <QByteArray>

namespace ds::text {

// DimStudio's own JSON description of inputs (documented in the README):
//   {"dimstudio_inputs": 1, "value": V}
//   V = {"tensor": {"dtype": "float32", "shape": [2, 3]}}
//     | {"dict": [["key", V], [0, V], ...]}     (pairs keep Python's order)
//     | {"list": [V, ...]} | {"tuple": [V, ...]}
//     | {"object": "transformers.cache_utils.DynamicCache", "fields": [["key_cache", V], ...]}
//     | null | true | 3 | 2.5 | "text"         (scalars, with their value)
Result<InputValue::Ptr> inputsFromJson(const QByteArray& json);
QByteArray inputsToJson(const InputValue& value);

} // namespace ds::text
