#pragma once

#include "Result.h"
#include "spec/SpecAligner.h"
#include "text/PyValue.h"

#include <QByteArray>
#include <optional>

namespace ds::analysis {

// A spec as read from text, before it meets the inputs.
struct SpecText {
    text::PyValue::Ptr value;
    spec::SpecSource source = spec::SpecSource::Python;
    std::optional<caches::CacheLayout>
        savedLayout; // DimStudio JSON says which layout it was saved in
};

// DimStudio JSON (wrapped or bare), else a Python literal or snippet. A text
// that announces itself as DimStudio JSON reports the JSON error; any other
// failure reports the Python parser's, with line and column. Files are read
// by session::readSpecFile, and specs meet inputs in session::readSpec.
Result<SpecText> parseSpecText(const QByteArray& bytes);

// What the value means: torch.export's dynamic_shapes, or the legacy
// torch.onnx.export dynamic_axes mapping over flat input names.
enum class ReferenceFormat { Auto, DynamicShapes, DynamicAxes };
QString referenceFormatName(ReferenceFormat format); // "auto", "dynamic-shapes", "dynamic-axes"
std::optional<ReferenceFormat> referenceFormatFromName(const QString& name);

// Auto reads a dict as dynamic_axes when every value has the legacy form
// ({axis: 'name'} or [axes]), at least one key is a flat input name, and
// something only the legacy form can mean is there: a flat name that is not a
// top-level key ("past_key_values.0.key", "input_0") or a list of axes. A dict
// of top-level names and {axis: name} reads the same both ways, so it stays
// dynamic_shapes (and a key it lacks is reported as missing).
bool looksLikeDynamicAxes(const spec::ExportTree& tree, const text::PyValue& value);

} // namespace ds::analysis
