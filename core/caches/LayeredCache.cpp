// transformers 4.54 and later: a cache holds `layers`, layer objects
// (formats.md §4). Key/value layers give the transformers and flat layouts
// their tensors; the layers layout keeps every layer as a node of its own
// (core/caches/CacheLayers.cpp).
#include "CacheLayers.h"
#include "KeyValueCache.h"
#include "NodeKinds.h"

namespace ds::caches {

namespace {

bool isTensor(const InputValue::Ptr& v) {
    return v && v->kind() == ValueKind::Tensor;
}

// The layer objects, or nullopt when `value` holds no `layers` of them.
std::optional<std::vector<InputValue::Ptr>> layerObjects(const InputValue& value) {
    const InputValue::Ptr layerList = value.field(QStringLiteral("layers"));
    if (!layerList ||
        (layerList->kind() != ValueKind::List && layerList->kind() != ValueKind::Tuple))
        return std::nullopt;
    for (const auto& layer : layerList->items()) {
        if (!layer || layer->kind() != ValueKind::Object)
            return std::nullopt;
        const bool keyValue =
            layer->field(QStringLiteral("keys")) && layer->field(QStringLiteral("values"));
        if (!keyValue && !isLayerObject(*layer))
            return std::nullopt;
    }
    return layerList->items();
}

class LayeredCache final : public KeyValueCacheKind {
public:
    std::optional<std::vector<KeyValueLayer>> layers(const InputValue& value) const override {
        const auto objects = layerObjects(value);
        if (!objects)
            return std::nullopt;
        std::vector<KeyValueLayer> result;
        for (const auto& layer : *objects) {
            const InputValue::Ptr keys = layer->field(QStringLiteral("keys"));
            const InputValue::Ptr values = layer->field(QStringLiteral("values"));
            // A layer not yet filled (keys None), or one without keys
            // (linear attention), holds no key/value input.
            if (isTensor(keys) && isTensor(values))
                result.push_back({layer->shortClassName(), keys, values});
        }
        return result;
    }

    std::vector<FlatChild> layerNodes(const InputValue& value,
                                      const FlatNaming& naming) const override {
        std::vector<FlatChild> nodes;
        int i = 0;
        for (const auto& layer : layerObjects(value).value_or(std::vector<InputValue::Ptr>{})) {
            FlatChild node;
            node.value = layer;
            node.label = QStringLiteral("layer %1").arg(i);
            node.naming = layerNaming(naming, i);
            nodes.push_back(std::move(node));
            ++i;
        }
        return nodes;
    }

    // onnx-diagnostic's forms: X(key_cache=..., value_cache=...) when every
    // layer is a plain DynamicLayer (or the cache is not a DynamicCache),
    // else DynamicCache(Layer(k, v), ...), layers not filled yet left out.
    // Each layer shows the tensors it gives the layers layout, in that order:
    // onnx-diagnostic prints the keys twice there, drops the indexer keys of
    // DynamicIndexedLayer, and raises on a layer without keys (linear attention).
    QString typeString(const InputValue& value, const RenderValue& render) const override {
        const std::vector<InputValue::Ptr> objects =
            layerObjects(value).value_or(std::vector<InputValue::Ptr>{});
        bool plainLayers = true;
        for (const auto& layer : objects)
            plainLayers = plainLayers && layer->field(QStringLiteral("keys")) &&
                          (!isTensor(layer->field(QStringLiteral("keys"))) ||
                           layer->shortClassName() == QLatin1String("DynamicLayer"));
        // A QuantizedCache (onnx-diagnostic raises on it) shows its layers too.
        const QString cls = className(value);
        if ((cls != QLatin1String("DynamicCache") && cls != QLatin1String("QuantizedCache")) ||
            plainLayers)
            return keyValueTypeString(value, layers(value).value_or(std::vector<KeyValueLayer>{}),
                                      render);
        QStringList parts;
        for (const auto& layer : objects)
            if (!layerChildren(*layer, {}).empty())
                parts << cacheLayerKind().typeString(*layer, render);
        return className(value) + QLatin1Char('(') + parts.join(QStringLiteral(", ")) +
               QLatin1Char(')');
    }
};

} // namespace

const NodeKind& layeredCacheKind() {
    static const LayeredCache kind;
    return kind;
}

} // namespace ds::caches
