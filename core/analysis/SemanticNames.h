#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace ds::analysis {

// A dynamic dimension found by guessing, as the naming sees it.
struct GuessedDim {
    int dim = 0;                   // its index in the tensor
    int rank = 0;                  // the tensor's rank
    bool inCache = false;          // the tensor is a key or value of a cache
    std::vector<qint64> signature; // its size in each input set, -1 where the set lacks it
};

// Names for --names semantic, one per dim (parallel to `dims`):
// - dims with the same signature (they vary together, size for size, across
//   the sets) share one name; different signatures never share;
// - a group's name comes from its members' roles, first match wins:
//   "batch" if a member is dimension 0 of a tensor of rank >= 2,
//   "cache" if a member is the sequence axis (rank - 2) of a cache tensor,
//   "seq"   if a member belongs to a tensor that is not in a cache,
//   "dim"   otherwise;
// - groups are named in order of first appearance; a role name already taken
//   gets a suffix: "seq", "seq_1", "seq_2", ...
// Coincidences can merge unrelated dims (batch 2->3 and seq 2->3): more input
// sets make that less likely, and `check`/`compare` show the result.
QStringList semanticNames(const std::vector<GuessedDim>& dims);

} // namespace ds::analysis
