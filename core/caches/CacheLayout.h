#pragma once

#include <QString>

#include <optional>

namespace ds::caches {

// How a cache's tensors appear in the flattened export inputs. The spec
// mirrors the flattening, so the same cache has one spec per layout.
enum class CacheLayout {
    Transformers, // [[k0, k1, ...], [v0, v1, ...]]: transformers' pytree registration, the seed's
    Flat,         // [k0, v0, k1, v1, ...]: onnx-diagnostic's own registration
    Layers,       // [layer0, layer1, ...], each layer [keys, values, counters...]: DimStudio's
                  // runner, the one that keeps every layer's kind and state
};
QString layoutName(CacheLayout layout);
std::optional<CacheLayout> layoutFromName(const QString& name);
// Every layout, in the order messages list them.
inline constexpr CacheLayout kAllLayouts[] = {CacheLayout::Transformers, CacheLayout::Flat,
                                              CacheLayout::Layers};

} // namespace ds::caches
