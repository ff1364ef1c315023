#pragma once

#include "SpecCheck.h"

namespace ds::analysis::check_rules {

// One function per rule, each appending its findings; SpecCheck.cpp runs them
// all. Sizes come from the tree's example tensors.
void specializedSizes(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
                      std::vector<CheckFinding>& out);
void inconsistentSizes(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
                       std::vector<CheckFinding>& out);
void outOfBounds(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
                 std::vector<CheckFinding>& out);
void invalidNames(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
                  std::vector<CheckFinding>& out);
void conflictingBounds(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
                       std::vector<CheckFinding>& out);
void badDerived(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
                std::vector<CheckFinding>& out);

// Caches whose state the tree's layout cannot carry (a sliding window's
// counter, a static cache's position, linear-attention states in the
// transformers or flat layout): export works, the program then differs.
void unfaithfulLayouts(const spec::ExportTree& tree, std::vector<CheckFinding>& out);
// A dimension whose size is a cache's length plus another dimension's (the
// attention mask: cache + new tokens) in every set, named without a minimum:
// torch cannot express the sum with Dim and asks for one.
void sumsWithoutMinimum(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
                        const std::vector<const spec::ExportTree*>& otherSets,
                        std::vector<CheckFinding>& out);
// Two names over dimensions of equal size in every input set (two sets or
// more): torch refuses them if the model needs them equal ("must always be equal").
void equalSizesTwoNames(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
                        const std::vector<const spec::ExportTree*>& otherSets,
                        std::vector<CheckFinding>& out);

// Tensors the spec's structure gives no place: objects no node kind
// describes, and cache state no layout passes (a QuantizedLayer's quantized part).
void unpassedTensors(const spec::ExportTree& tree, std::vector<CheckFinding>& out);

// Leaves that are not tensors but carry something other than None.
void nonTensorSpecs(const spec::ExportTree& tree, const text::PyValue& value,
                    spec::SpecSource source, std::vector<CheckFinding>& out);

} // namespace ds::analysis::check_rules
