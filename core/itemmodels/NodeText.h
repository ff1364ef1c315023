#pragma once

#include "spec/ExportTree.h"
#include "spec/ShapeSpec.h"

#include <QString>

namespace ds::itemmodels {

// The words the input tree shows for a node; kept out of the model so that
// the copy-as-text and the filter read the same strings.

// "input_ids", "key_cache", "layer 0 key", "[2]".
QString nodeName(const spec::ExportNode& node);
// "dict", "StaticCache", "list[3]", "float32", "int = 3", "None".
QString nodeKindText(const spec::ExportNode& node);
// A tensor's shape with dynamic dims by name: "batch × seq × 96"; "scalar" for 0-d.
QString shapeText(const spec::ExportNode& tensor, const spec::ShapeSpec& spec);
// A tensor's entry in the spec: "{0: 'batch', 2: 'seq'}"; "{}" when all static.
QString tensorSpecText(const spec::ShapeSpec& spec, int tensor);
// A dimension's decision: "batch", "static", "Dim.AUTO", "2*seq + 1".
QString dimSpecText(const spec::DimSpec& spec);
// "1024", "" when unbounded.
QString boundText(std::optional<qint64> bound);
// How many tensors a container holds, for the shape column: "4 tensors".
QString tensorCountText(int tensors);
// A container's Shape cell: its tensor count, and for a cache layer with a
// sliding window the window ("2 tensors · window 16").
QString containerSummary(const spec::ExportNode& node, int tensorsBelow);

} // namespace ds::itemmodels
