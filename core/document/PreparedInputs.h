#pragma once

#include "DimNameIndex.h"
#include "formats/InputFormats.h"
#include "spec/ShapeSpec.h"

#include <memory>

namespace ds::document {

// Everything a document needs from a file, built off the GUI thread: the
// inputs, their export tree and the first spec (every dimension dynamic, as
// the seed's all_dynamic_shapes_from_inputs).
struct PreparedInputs {
    LoadedInputs loaded;
    std::shared_ptr<const spec::ExportTree> tree;
    spec::ShapeSpec spec;
    DimNameIndex names; // of `spec`, built here too: it costs on big inputs
};

// The layout the document edits in; the preview can write the other one.
constexpr caches::CacheLayout kEditingLayout = caches::CacheLayout::Transformers;

PreparedInputs prepareInputs(LoadedInputs loaded);
// formats::openInputs + prepareInputs; safe to run on a worker thread.
Result<PreparedInputs> loadPreparedInputs(const QString& path);
Result<PreparedInputs> preparedFromTypeString(const QString& text, const QString& origin);

} // namespace ds::document
