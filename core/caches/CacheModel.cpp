#include "CacheModel.h"

namespace ds::caches {

QString layoutName(CacheLayout layout) {
    return layout == CacheLayout::Flat ? QStringLiteral("flat") : QStringLiteral("transformers");
}

std::optional<CacheLayout> layoutFromName(const QString& name) {
    if (name == QLatin1String("transformers"))
        return CacheLayout::Transformers;
    if (name == QLatin1String("flat"))
        return CacheLayout::Flat;
    return std::nullopt;
}

namespace {

bool isTensor(const InputValue::Ptr& v) {
    return v && v->kind() == ValueKind::Tensor;
}

bool isSequence(const InputValue::Ptr& v) {
    return v && (v->kind() == ValueKind::List || v->kind() == ValueKind::Tuple);
}

// 4.54+: `layers` holds layer objects with `keys` and `values`.
std::optional<CacheView> fromLayerObjects(const InputValue& value) {
    const InputValue::Ptr layers = value.field(QStringLiteral("layers"));
    if (!isSequence(layers))
        return std::nullopt;
    CacheView view;
    view.className = value.shortClassName();
    view.hasLayerObjects = true;
    for (const auto& layer : layers->items()) {
        if (!layer || layer->kind() != ValueKind::Object)
            return std::nullopt;
        const InputValue::Ptr keys = layer->field(QStringLiteral("keys"));
        const InputValue::Ptr values = layer->field(QStringLiteral("values"));
        if (!keys || !values)
            return std::nullopt;
        // A layer not yet filled (keys None) holds no export input.
        if (!isTensor(keys) || !isTensor(values))
            continue;
        view.layers.push_back({layer->shortClassName(), keys, values});
    }
    return view;
}

// Up to 4.53 (nn.Module era included): parallel `key_cache` / `value_cache` lists.
std::optional<CacheView> fromKeyValueLists(const InputValue& value) {
    const InputValue::Ptr keys = value.field(QStringLiteral("key_cache"));
    const InputValue::Ptr values = value.field(QStringLiteral("value_cache"));
    if (!isSequence(keys) || !isSequence(values) || keys->size() != values->size())
        return std::nullopt;
    CacheView view;
    view.className = value.shortClassName();
    for (int i = 0; i < keys->size(); ++i) {
        if (!isTensor(keys->at(i)) || !isTensor(values->at(i)))
            return std::nullopt;
        view.layers.push_back({QString(), keys->at(i), values->at(i)});
    }
    return view;
}

// When Cache was an nn.Module (transformers 4.44-4.48), sub-caches of an
// EncoderDecoderCache were submodules: they live in `_modules`, not in __dict__.
InputValue::Ptr fieldOrSubmodule(const InputValue& value, const QString& name) {
    if (InputValue::Ptr v = value.field(name))
        return v;
    const InputValue::Ptr modules = value.field(QStringLiteral("_modules"));
    if (modules && modules->kind() == ValueKind::Dict)
        return modules->field(name);
    return nullptr;
}

} // namespace

std::optional<CacheView> recognizeCache(const InputValue& value) {
    if (value.kind() != ValueKind::Object)
        return std::nullopt;
    const InputValue::Ptr self = fieldOrSubmodule(value, QStringLiteral("self_attention_cache"));
    const InputValue::Ptr cross = fieldOrSubmodule(value, QStringLiteral("cross_attention_cache"));
    if (self && cross) {
        if (!recognizeCache(*self) || !recognizeCache(*cross))
            return std::nullopt;
        CacheView view;
        view.kind = CacheView::Kind::EncoderDecoder;
        view.className = value.shortClassName();
        view.selfAttention = self;
        view.crossAttention = cross;
        return view;
    }
    if (auto view = fromLayerObjects(value))
        return view;
    return fromKeyValueLists(value);
}

} // namespace ds::caches
