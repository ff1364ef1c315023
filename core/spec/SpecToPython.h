#pragma once

#include "ShapeSpec.h"
#include "text/PyValue.h"

namespace ds::spec {

// How a dynamic dimension is written in the Python value of a spec.
enum class NameStyle {
    Strings,     // 'batch' (Dim('batch', min=.., max=..) when bounded): pprint, the seed
    StringsOnly, // 'batch' always, bounds dropped: torch.onnx.export(dynamo=True)
    Variables,   // batch, a variable defined as Dim("batch", ...): ready-to-paste torch.export
};

// The spec as the Python structure torch.export expects: the tree's structure,
// one {dim: spec} dict per tensor, None for every other leaf.
text::PyValue::Ptr specToPython(const ExportTree& tree, const ShapeSpec& spec, NameStyle style);
// The same for pythonPformat only: big containers make their items when the
// printer reaches them (PyValue::lazySequence), so that printing a spec of
// 100,000 tensors never holds all of it. `tree` and `spec` must outlive it.
text::PyValue::Ptr specToPythonForPrinting(const ExportTree& tree, const ShapeSpec& spec,
                                           NameStyle style);

// A valid Python identifier for a dimension name ("seq-len" -> "seq_len").
QString variableNameFor(const QString& dimName);

} // namespace ds::spec
