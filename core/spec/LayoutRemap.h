#pragma once

#include "ShapeSpec.h"

namespace ds::spec {

// Carries a spec from one export tree to another built from the same inputs
// in a different cache layout. Tensors are matched by the saved tensor they
// stand for (and its occurrence, for a tensor saved twice), not by number:
// the layouts number cache tensors differently.
ShapeSpec remapSpec(const ExportTree& from, const ShapeSpec& spec, const ExportTree& to);

} // namespace ds::spec
