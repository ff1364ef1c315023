#pragma once

#include "ShapeSpec.h"

#include <QStringList>
#include <optional>

namespace ds::spec {

enum class SpecFormat { Pprint, Json, Python, OnnxDynamo, DynamicAxes };

QString formatName(SpecFormat f); // "pprint", "json", "python", "onnx-dynamo", "dynamic-axes"
std::optional<SpecFormat> formatFromName(const QString& name);
QStringList allFormatNames();

// The spec as text, ending with a newline:
// - pprint: pprint.pprint of the spec ('name' strings, Dim(...) when bounded);
// - json: DimStudio's saved spec;
// - python: a torch.export snippet, one Dim per name, Dim.DYNAMIC for hints;
// - onnx-dynamo: names as plain strings (bounds dropped) for torch.onnx.export(dynamo=True);
// - dynamic-axes: the legacy {input_name: {axis: name}} over flat input names.
QString writeSpec(SpecFormat format, const ExportTree& tree, const ShapeSpec& spec);

} // namespace ds::spec
