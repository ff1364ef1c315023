#pragma once

#include "NodeKind.h"

#include <optional>

namespace ds::caches {

// One layer of a key/value cache: its class ("DynamicSlidingWindowLayer";
// empty in eras without layer objects) and its two tensors.
struct KeyValueLayer {
    QString layerClass;
    InputValue::Ptr keys;
    InputValue::Ptr values;
};

// What every key/value cache shares, whatever era pickled it: a list of
// layers, flattened as [[k...], [v...]] (transformers) or [k0, v0, ...]
// (flat), printed as onnx-diagnostic does. Each era only says where its
// layers are.
class KeyValueCacheKind : public NodeKind {
public:
    // The layers holding tensors, or nullopt when `value` is not of this era.
    virtual std::optional<std::vector<KeyValueLayer>> layers(const InputValue& value) const = 0;

    bool matches(const InputValue& value) const override { return layers(value).has_value(); }
    std::vector<FlatChild> children(const InputValue& value, CacheLayout layout,
                                    const FlatNaming& naming) const override;
    QString typeString(const InputValue& value, const RenderValue& render) const override;
};

} // namespace ds::caches
