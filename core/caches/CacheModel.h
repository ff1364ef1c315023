#pragma once

#include "InputValue.h"

#include <optional>

namespace ds::caches {

// How a cache's tensors appear in the flattened export inputs.
enum class CacheLayout {
    Transformers, // [[k0, k1, ...], [v0, v1, ...]]: transformers' pytree registration, the seed's
    Flat,         // [k0, v0, k1, v1, ...]: onnx-diagnostic's own registration
};
QString layoutName(CacheLayout layout);
std::optional<CacheLayout> layoutFromName(const QString& name);

struct CacheLayer {
    QString layerClass; // "DynamicLayer", "DynamicSlidingWindowLayer", ...; empty in older eras
    InputValue::Ptr key;
    InputValue::Ptr value;
};

// A transformers cache recognised from its fields (never from a version
// number), whatever era pickled it (formats.md §4).
struct CacheView {
    enum class Kind { KeyValue, EncoderDecoder };
    Kind kind = Kind::KeyValue;
    QString className;              // short class name: "DynamicCache", "StaticCache", ...
    bool hasLayerObjects = false;   // 4.54+ era: `layers` of layer objects
    std::vector<CacheLayer> layers; // KeyValue
    InputValue::Ptr selfAttention;  // EncoderDecoder
    InputValue::Ptr crossAttention; // EncoderDecoder
};

// nullopt when the value is not a cache object.
std::optional<CacheView> recognizeCache(const InputValue& value);

} // namespace ds::caches
