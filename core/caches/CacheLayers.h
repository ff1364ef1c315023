#pragma once

#include "NodeKind.h"

namespace ds::caches {

// transformers' layer objects (4.54 and later, formats.md §4): DynamicLayer,
// DynamicSlidingWindowLayer, StaticLayer, LinearAttentionLayer, ...

// Whether `value` is a layer object: a transformers class named *Layer.
// The layout that passes every cache of `root` faithfully: layers when a
// cache holds layers other than plain DynamicLayers (sliding windows, static,
// indexed, linear-attention, quantized layers: state the transformers layout
// cannot carry), else transformers. Shared structure is visited once.
CacheLayout faithfulLayout(const InputValue& root);

// The fields a layer class shows as tensors in a type string, in order
// (the table's fields less its int counters); keys and values for a class
// the table does not know.
QStringList layerTensorFields(const QString& shortClassName);

// A cache or layer attribute that holds the model's config as a tensor (the
// sliding window, transformers 4.4x HybridCache's is_sliding flags): a
// constant of the program, never an input.
bool isDerivedLayerField(const QString& field);

bool isLayerObject(const InputValue& value);

// A layer's children in the `layers` layout, in the order of
// docs/runner-protocol.md ("Cache layouts"): keys, values, then the counters
// and states its class carries. A layer whose first child is None (not
// filled yet) has none; a later None child is left out. A class not in the
// table has its tensor fields, in field order.
std::vector<FlatChild> layerChildren(const InputValue& layer, const FlatNaming& naming);

} // namespace ds::caches
