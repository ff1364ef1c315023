#pragma once

#include "NodeKind.h"

namespace ds::caches {

// transformers' layer objects (4.54 and later, formats.md §4): DynamicLayer,
// DynamicSlidingWindowLayer, StaticLayer, LinearAttentionLayer, ...

// Whether `value` is a layer object: a transformers class named *Layer.
bool isLayerObject(const InputValue& value);

// A layer's children in the `layers` layout, in the order of
// docs/runner-protocol.md ("Cache layouts"): keys, values, then the counters
// and states its class carries. A layer whose first child is None (not
// filled yet) has none; a later None child is left out. A class not in the
// table has its tensor fields, in field order.
std::vector<FlatChild> layerChildren(const InputValue& layer, const FlatNaming& naming);

} // namespace ds::caches
