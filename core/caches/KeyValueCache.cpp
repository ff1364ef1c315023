#include "KeyValueCache.h"

namespace ds::caches {

namespace {

// optimum's names: past_key_values.0.key, or past_key_values.0.decoder.key
// inside an encoder-decoder cache.
FlatNaming tensorNaming(const FlatNaming& cache, int layer, const char* role) {
    QString name = cache.base.isEmpty() ? QString::number(layer)
                                        : cache.base + QLatin1Char('.') + QString::number(layer);
    if (!cache.role.isEmpty())
        name += QLatin1Char('.') + cache.role;
    return {name + QLatin1Char('.') + QLatin1String(role), QString()};
}

FlatChild tensorChild(const InputValue::Ptr& tensor, const FlatNaming& cache, int layer,
                      const char* role, const QString& pytreeKey = {}) {
    FlatChild child;
    child.value = tensor;
    child.pytreeKey = pytreeKey;
    child.label = QStringLiteral("layer %1 %2").arg(layer).arg(QLatin1String(role));
    child.naming = tensorNaming(cache, layer, role);
    return child;
}

} // namespace

FlatNaming layerNaming(const FlatNaming& cache, int layer) {
    return {cache.base.isEmpty() ? QString::number(layer)
                                 : cache.base + QLatin1Char('.') + QString::number(layer),
            cache.role};
}

std::vector<FlatChild> KeyValueCacheKind::layerNodes(const InputValue& value,
                                                     const FlatNaming& naming) const {
    std::vector<FlatChild> nodes;
    int i = 0;
    for (const KeyValueLayer& layer : layers(value).value_or(std::vector<KeyValueLayer>{})) {
        FlatChild node;
        node.label = QStringLiteral("layer %1").arg(i);
        node.group.push_back(tensorChild(layer.keys, naming, i, "key", QStringLiteral("keys")));
        node.group.push_back(
            tensorChild(layer.values, naming, i, "value", QStringLiteral("values")));
        nodes.push_back(std::move(node));
        ++i;
    }
    return nodes;
}

std::vector<FlatChild> KeyValueCacheKind::children(const InputValue& value, CacheLayout layout,
                                                   const FlatNaming& naming) const {
    if (layout == CacheLayout::Layers)
        return layerNodes(value, naming);
    const std::vector<KeyValueLayer> cacheLayers =
        layers(value).value_or(std::vector<KeyValueLayer>{});
    const int n = static_cast<int>(cacheLayers.size());
    std::vector<FlatChild> children;
    if (layout == CacheLayout::Transformers) {
        FlatChild keys, values;
        keys.label = keys.pytreeKey = QStringLiteral("key_cache");
        values.label = values.pytreeKey = QStringLiteral("value_cache");
        for (int i = 0; i < n; ++i) {
            const KeyValueLayer& layer = cacheLayers[static_cast<size_t>(i)];
            keys.group.push_back(tensorChild(layer.keys, naming, i, "key"));
            values.group.push_back(tensorChild(layer.values, naming, i, "value"));
        }
        children.push_back(std::move(keys));
        children.push_back(std::move(values));
        return children;
    }
    for (int i = 0; i < n; ++i) {
        const KeyValueLayer& layer = cacheLayers[static_cast<size_t>(i)];
        children.push_back(
            tensorChild(layer.keys, naming, i, "key", QStringLiteral("key_%1").arg(i)));
        children.push_back(
            tensorChild(layer.values, naming, i, "value", QStringLiteral("value_%1").arg(i)));
    }
    return children;
}

QString KeyValueCacheKind::typeString(const InputValue& value, const RenderValue& render) const {
    const std::vector<KeyValueLayer> cacheLayers =
        layers(value).value_or(std::vector<KeyValueLayer>{});
    const QString name = className(value);
    bool plainLayers = true;
    for (const KeyValueLayer& layer : cacheLayers)
        plainLayers = plainLayers && (layer.layerClass.isEmpty() ||
                                      layer.layerClass == QLatin1String("DynamicLayer"));
    // onnx-diagnostic lists the layers of a DynamicCache that mixes layer kinds.
    if (name == QLatin1String("DynamicCache") && !plainLayers) {
        QStringList parts;
        for (const KeyValueLayer& layer : cacheLayers)
            parts << QStringLiteral("%1(%2, %3)")
                         .arg(layer.layerClass, render(*layer.keys), render(*layer.values));
        return name + QLatin1Char('(') + parts.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    return keyValueTypeString(value, cacheLayers, render);
}

QString KeyValueCacheKind::keyValueTypeString(const InputValue& value,
                                              const std::vector<KeyValueLayer>& cacheLayers,
                                              const RenderValue& render) const {
    std::vector<InputValue::Ptr> keys, values;
    for (const KeyValueLayer& layer : cacheLayers) {
        keys.push_back(layer.keys);
        values.push_back(layer.values);
    }
    return QStringLiteral("%1(key_cache=%2, value_cache=%3)")
        .arg(className(value), render(*InputValue::list(std::move(keys))),
             render(*InputValue::list(std::move(values))));
}

} // namespace ds::caches
