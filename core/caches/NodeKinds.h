#pragma once

#include "NodeKind.h"

namespace ds::caches {

// Every kind DimStudio knows, in the order they are asked (the most specific
// first: an encoder-decoder cache before the caches it holds).
const std::vector<const NodeKind*>& nodeKinds();

// The kind of `value`, or nullptr for anything export does not flatten as a
// node of its own (plain containers, tensors, unknown objects).
const NodeKind* findNodeKind(const InputValue& value);

// The kinds, each defined in its own file.
const NodeKind& encoderDecoderCacheKind();
const NodeKind& layeredCacheKind();      // transformers 4.54+: `layers` of layer objects
const NodeKind& keyValueListCacheKind(); // up to 4.53: `key_cache` / `value_cache` lists
const NodeKind& cacheLayerKind();        // a layer object (DynamicLayer, LinearAttentionLayer, ...)
const NodeKind& modelOutputKind();       // a ModelOutput given as an input (BaseModelOutput)

} // namespace ds::caches
