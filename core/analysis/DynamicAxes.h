#pragma once

#include "spec/SpecAligner.h"

namespace ds::analysis {

// The legacy torch.onnx.export(dynamic_axes=...) mapping, {flat_name: {axis:
// 'name'}} or {flat_name: [axes]}, over ExportNode::flatName
// ("past_key_values.0.key"). Inputs it leaves out are static, as in the legacy
// exporter. A list of axes gets the legacy exporter's generated names,
// "<input>_dynamic_axes_<i+1>" (made an identifier), one per axis.
spec::AlignedSpec alignDynamicAxes(const spec::ExportTree& tree, const text::PyValue& value);

// Whether one value of such a mapping has the legacy form.
bool isDynamicAxesEntry(const text::PyValue& value);

} // namespace ds::analysis
