// transformers 4.54 and later: a cache holds `layers`, layer objects with
// `keys` and `values` (formats.md §4).
#include "KeyValueCache.h"
#include "NodeKinds.h"

namespace ds::caches {

namespace {

bool isTensor(const InputValue::Ptr& v) {
    return v && v->kind() == ValueKind::Tensor;
}

class LayeredCache final : public KeyValueCacheKind {
public:
    std::optional<std::vector<KeyValueLayer>> layers(const InputValue& value) const override {
        const InputValue::Ptr layerList = value.field(QStringLiteral("layers"));
        if (!layerList ||
            (layerList->kind() != ValueKind::List && layerList->kind() != ValueKind::Tuple))
            return std::nullopt;
        std::vector<KeyValueLayer> result;
        for (const auto& layer : layerList->items()) {
            if (!layer || layer->kind() != ValueKind::Object)
                return std::nullopt;
            const InputValue::Ptr keys = layer->field(QStringLiteral("keys"));
            const InputValue::Ptr values = layer->field(QStringLiteral("values"));
            if (!keys || !values)
                return std::nullopt;
            // A layer not yet filled (keys None) holds no export input.
            if (!isTensor(keys) || !isTensor(values))
                continue;
            result.push_back({layer->shortClassName(), keys, values});
        }
        return result;
    }
};

} // namespace

const NodeKind& layeredCacheKind() {
    static const LayeredCache kind;
    return kind;
}

} // namespace ds::caches
