#pragma once

#include "Result.h"
#include "spec/ShapeSpec.h"

#include <optional>

namespace ds::analysis {

// How guessed dynamic dimensions are named.
enum class GuessNaming {
    Position, // d_i_j: tensor i (flattening order of the merged inputs), dimension j
    Semantic, // by size pattern, see SemanticNames.h: batch, seq, cache, dim (+ _1, _2 on
              // collisions)
};
QString guessNamingName(GuessNaming naming); // "position", "semantic"
std::optional<GuessNaming> guessNamingFromName(const QString& name);

struct InputSet {
    InputValue::Ptr root;
    QString origin; // the file it came from, for errors
};

struct GuessedSpec {
    // The sets' common structure, a key missing from some sets included (taken
    // from the first set that has it). The spec is on ExportTree(inputs, layout).
    InputValue::Ptr inputs;
    spec::ShapeSpec spec;
};

// formats.md §2 (guess_dynamic_shapes_from_inputs): a dimension is dynamic
// when its size differs between the sets that have the tensor, or is 0 in all
// of them; otherwise static. Ranks, container kinds (and cache classes),
// list/tuple lengths must agree; dict keys may be missing from some sets.
// Errors name the disagreeing file and the path.
Result<GuessedSpec> guessSpec(const std::vector<InputSet>& sets, caches::CacheLayout layout,
                              GuessNaming naming = GuessNaming::Position);

} // namespace ds::analysis
