#pragma once

#include "Result.h"
#include "SpecGuess.h"
#include "spec/ExportTree.h"

namespace ds::analysis {

// Whether several input sets have one structure as torch.export sees it
// (ExportTree per set, same layout): same node kinds, cache classes, list and
// tuple lengths and tensor ranks; dict keys may be missing from some sets.
Status checkSetsAgree(const std::vector<const spec::ExportTree*>& trees,
                      const std::vector<InputSet>& sets);

// One inputs value covering every set: dicts take the union of their keys (in
// order of first appearance), lists and tuples merge item by item, anything
// else comes from the first set that has it. Call after checkSetsAgree.
InputValue::Ptr mergeInputSets(const std::vector<InputValue::Ptr>& roots);

// The node reached from `tree`'s root by the keys leading to `node` in
// another tree of the same structure; nullptr when a key is missing.
const spec::ExportNode* counterpart(const spec::ExportTree& tree, const spec::ExportNode& node);

} // namespace ds::analysis
