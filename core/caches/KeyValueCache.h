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
    // The layers holding keys and values, or nullopt when `value` is not of this era.
    virtual std::optional<std::vector<KeyValueLayer>> layers(const InputValue& value) const = 0;
    // The children in the `layers` layout: one [keys, values] list per layer
    // here; eras with layer objects give the objects themselves.
    virtual std::vector<FlatChild> layerNodes(const InputValue& value,
                                              const FlatNaming& naming) const;

    bool matches(const InputValue& value) const override { return layers(value).has_value(); }
    std::vector<FlatChild> children(const InputValue& value, CacheLayout layout,
                                    const FlatNaming& naming) const override;
    QString typeString(const InputValue& value, const RenderValue& render) const override;

protected:
    // onnx-diagnostic's key_cache/value_cache form: X(key_cache=#N[...], value_cache=#N[...]).
    QString keyValueTypeString(const InputValue& value, const std::vector<KeyValueLayer>& layers,
                               const RenderValue& render) const;
};

// "past_key_values.0": where the legacy names of layer `layer`'s tensors start.
FlatNaming layerNaming(const FlatNaming& cache, int layer);

} // namespace ds::caches
