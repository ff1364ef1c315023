#pragma once

#include "document/PreparedInputs.h"
#include "session/SpecReading.h"

namespace ds::ui {

// The bundled example a first start opens: the seed's StaticCache inputs and
// the reference spec the seed compares them with.
constexpr const char* kExampleInputs = ":/example/seed_static_cache_v449.pt";
constexpr const char* kExampleTypeString = ":/example/seed_static_cache_v449.type.txt";
constexpr const char* kExampleReference = ":/example/seed_reference.py";

// The .pt file (the torch reader needs a real file: it is copied out of the
// resources first); the type string when this build cannot read .pt files.
Result<document::PreparedInputs> loadBundledExample();
Result<session::SpecSource> bundledReference();

} // namespace ds::ui
