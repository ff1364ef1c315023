#pragma once

#include "SpecCheck.h"

namespace ds::check_rules {

// One function per rule, each appending its findings; SpecCheck.cpp runs them
// all. Sizes come from the tree's example tensors.
void specializedSizes(const ExportTree& tree, const ShapeSpec& spec,
                      std::vector<CheckFinding>& out);
void inconsistentSizes(const ExportTree& tree, const ShapeSpec& spec,
                       std::vector<CheckFinding>& out);
void outOfBounds(const ExportTree& tree, const ShapeSpec& spec, std::vector<CheckFinding>& out);
void invalidNames(const ExportTree& tree, const ShapeSpec& spec, std::vector<CheckFinding>& out);
void conflictingBounds(const ExportTree& tree, const ShapeSpec& spec,
                       std::vector<CheckFinding>& out);
void badDerived(const ExportTree& tree, const ShapeSpec& spec, std::vector<CheckFinding>& out);

// Leaves that are not tensors but carry something other than None.
void nonTensorSpecs(const ExportTree& tree, const PyValue& value, SpecSource source,
                    std::vector<CheckFinding>& out);

} // namespace ds::check_rules
