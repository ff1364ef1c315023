#pragma once

#include "JsonText.h"
#include "spec/ShapeSpec.h"

namespace ds::analysis {

// How reports show one dimension's decision, in the Python a user would write:
// static (or the int a reference gave), 'batch', Dim('batch', min=1, max=1024),
// Dim.AUTO, Dim.DYNAMIC(min=2), 2*seq + 1.
QString dimSpecLabel(const spec::DimSpec& spec);

// The same decision in DimStudio's JSON spec form: null (or the int) for
// static, "batch", {"name": "batch", "min": 1, "max": 1024}, {"hint": "AUTO"},
// {"derived": "seq", "mul": 2, "add": 1}.
JsonText dimSpecJson(const spec::DimSpec& spec);

// "attention_mask dim 2": where a dimension is, for messages.
QString dimPlace(const spec::ExportTree& tree, spec::DimRef ref);

// The tensor's dot path; "(top level)" for a bare tensor, whose path is empty.
QString tensorPathText(const spec::ExportTree& tree, int tensor);

} // namespace ds::analysis
