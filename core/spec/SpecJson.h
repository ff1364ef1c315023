#pragma once

#include "Result.h"
#include "ShapeSpec.h"
#include "text/PyValue.h"

#include <QByteArray>
#include <optional>

namespace ds::spec {

// DimStudio's saved spec: {"dimstudio_spec": 1, "layout": ..., "dynamic_shapes": ...}.
// JSON has no tuples: reading aligns with the inputs, which restores them.
QByteArray specToJson(const ExportTree& tree, const ShapeSpec& spec);

struct SpecDocument {
    text::PyValue::Ptr value;                  // the dynamic_shapes structure, JSON-shaped
    std::optional<caches::CacheLayout> layout; // as saved, when the file says
};
// Accepts the wrapped form and a bare JSON structure.
Result<SpecDocument> specFromJson(const QByteArray& json);

// Plain JSON -> PyValue (objects keep string keys, arrays become lists).
Result<text::PyValue::Ptr> jsonToPython(const QByteArray& json);

} // namespace ds::spec
