#pragma once

#include "ShapeSpec.h"
#include "text/PyValue.h"

#include <optional>

namespace ds::spec {

// A place where a spec's structure does not match the inputs'.
struct StructureIssue {
    QString path;    // dot path in the spec's structure ("past_key_values.0")
    QString message; // "missing key 'cache_position'", ...
};

struct AlignedSpec {
    ShapeSpec spec; // decisions where the structures align, static elsewhere
    std::vector<StructureIssue> issues;
    // Set when a cache's spec fits the other layout: read it in that layout.
    std::optional<caches::CacheLayout> otherLayoutFits;
    // Dimensions the spec does not decide because its structure did not align
    // there (a missing key, a wrong container, an unreadable dimension): left
    // static in `spec`, to be skipped by comparison and "adopt reference".
    std::vector<DimRef> unaligned;
    bool isAligned(DimRef ref) const;
};

enum class SpecSource {
    Python, // a Python literal: container kinds must match
    Json,   // JSON: arrays stand for lists and tuples, object keys are strings
};

// Aligns a spec value (a reference, a saved spec) with the inputs by path:
// dict keys, positions, and the cache layout of `tree`.
AlignedSpec alignSpec(const ExportTree& tree, const text::PyValue& value, SpecSource source);

} // namespace ds::spec
