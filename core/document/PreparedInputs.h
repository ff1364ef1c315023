#pragma once

#include "DimNameIndex.h"
#include "session/Session.h"

namespace ds::document {

// Everything a document needs from a file, built off the GUI thread: the
// session (inputs, export tree, every dimension dynamic as the seed's
// all_dynamic_shapes_from_inputs) and the index of its names.
struct PreparedInputs {
    session::Session session;
    DimNameIndex names; // of the session's spec, built here too: it costs on big inputs
};

// The layout the document edits in; the preview can write the other one.
constexpr caches::CacheLayout kEditingLayout = caches::CacheLayout::Transformers;

PreparedInputs prepareInputs(LoadedInputs loaded);
PreparedInputs prepareSession(session::Session session);
// formats::openInputs + prepareInputs; safe to run on a worker thread.
Result<PreparedInputs> loadPreparedInputs(const QString& path);
// Inputs pasted as text (a type string or DimStudio JSON).
Result<PreparedInputs> preparedFromText(const QString& text, const QString& origin);

} // namespace ds::document
