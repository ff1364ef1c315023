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

// Leaves that are not tensors but carry something other than None.
void nonTensorSpecs(const spec::ExportTree& tree, const text::PyValue& value,
                    spec::SpecSource source, std::vector<CheckFinding>& out);

} // namespace ds::analysis::check_rules
