#pragma once

#include "analysis/ReferenceSpec.h"

namespace ds::session {

// A spec as text, and where it came from: a file, or "clipboard".
struct SpecSource {
    QString origin;
    analysis::SpecText text;
};

// A spec file: DimStudio JSON, a Python literal or snippet, or a
// dynamic_axes mapping. Errors name the file.
Result<SpecSource> readSpecFile(const QString& path);
// Spec text pasted or given by other means; `origin` names it in errors.
Result<SpecSource> parseSpecSource(const QByteArray& bytes, const QString& origin);

// A spec read against inputs: its decisions on the tree, and how it was read.
struct SpecReading {
    spec::AlignedSpec aligned; // on the tree's layout, whatever layout the spec is written in
    analysis::ReferenceFormat readAs = analysis::ReferenceFormat::DynamicShapes;
    caches::CacheLayout writtenIn = caches::CacheLayout::Transformers; // its caches' layout
    analysis::SpecText text;                                           // as read
};

// The one rule for reading a spec against inputs, for the command line and
// the app alike:
// - `format` Auto reads a legacy dynamic_axes mapping as such (recognised
//   from its flat names) and anything else as dynamic_shapes;
// - a dynamic_shapes spec whose caches are written in another layout than
//   the tree's (or that says it was saved in one) is read in that layout and
//   its decisions carried over tensor by tensor.
SpecReading readSpec(const spec::ExportTree& tree, const analysis::SpecText& text,
                     analysis::ReferenceFormat format = analysis::ReferenceFormat::Auto);

// "the spec does not match the inputs: ..." naming `origin` and the first
// place, when the reading has structure problems; nullopt when it has none.
std::optional<Error> structureError(const SpecReading& reading, const QString& origin);

} // namespace ds::session
