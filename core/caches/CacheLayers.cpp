#include "CacheLayers.h"

#include "NodeKinds.h"

#include <QSet>

namespace ds::caches {

namespace {

struct LayerField {
    const char* name;
    bool counter; // an int the model advances: Dim.DYNAMIC in the spec
};

struct LayerClass {
    const char* name;
    std::vector<LayerField> fields;
};

// Every tensor and counter that changes between calls, per class; the rest
// (the class, sliding_window, flags) is what a program is specialised on.
const std::vector<LayerClass>& layerClasses() {
    static const std::vector<LayerClass> classes = {
        {"DynamicLayer", {{"keys", false}, {"values", false}}},
        {"DynamicSlidingWindowLayer",
         {{"keys", false}, {"values", false}, {"cumulative_length", true}}},
        {"StaticLayer", {{"keys", false}, {"values", false}, {"cumulative_length", false}}},
        {"StaticSlidingWindowLayer",
         {{"keys", false},
          {"values", false},
          {"cumulative_length", false},
          {"cumulative_length_int", true}}},
        {"LinearAttentionLayer", {{"conv_states", false}, {"recurrent_states", false}}},
        {"LinearAttentionAndFullAttentionLayer",
         {{"keys", false}, {"values", false}, {"conv_states", false}, {"recurrent_states", false}}},
        {"DynamicIndexedLayer", {{"keys", false}, {"values", false}, {"indexer_keys", false}}},
        // Quantized layers pass their full-precision residual keys and values
        // (the runner treats them as the DynamicLayer they derive from); the
        // quantized part is no input (check rule unpassed_tensors).
        {"QuantizedLayer", {{"keys", false}, {"values", false}}},
        {"HQQQuantizedLayer", {{"keys", false}, {"values", false}}},
        {"QuantoQuantizedLayer", {{"keys", false}, {"values", false}}},
        {"StaticIndexedLayer",
         {{"keys", false},
          {"values", false},
          {"cumulative_length", false},
          {"indexer_keys", false},
          {"indexer_cumulative_length", false}}},
    };
    return classes;
}

const LayerClass* layerClass(const QString& shortName) {
    for (const LayerClass& c : layerClasses())
        if (shortName == QLatin1String(c.name))
            return &c;
    return nullptr;
}

// optimum's words for the keys and values, the field's own name otherwise.
QString roleOf(const QString& field) {
    if (field == QLatin1String("keys"))
        return QStringLiteral("key");
    if (field == QLatin1String("values"))
        return QStringLiteral("value");
    return field;
}

FlatChild fieldChild(const InputValue::Ptr& value, const QString& field, bool counter,
                     const FlatNaming& naming) {
    FlatChild child;
    child.value = value;
    child.label = field;
    child.pytreeKey = field;
    child.counter = counter && value->kind() == ValueKind::Int;
    QString name = naming.base;
    if (!naming.role.isEmpty())
        name += QLatin1Char('.') + naming.role;
    child.naming = {name + QLatin1Char('.') + roleOf(field), QString()};
    return child;
}

class CacheLayer final : public NodeKind {
public:
    bool matches(const InputValue& value) const override { return isLayerObject(value); }
    std::vector<FlatChild> children(const InputValue& value, CacheLayout,
                                    const FlatNaming& naming) const override {
        return layerChildren(value, naming);
    }
    // DynamicLayer(T1s2x2x30x8, T1s2x2x30x8): onnx-diagnostic's form for a
    // layer of keys and values, and the same for any other layer's tensors.
    QString typeString(const InputValue& value, const RenderValue& render) const override {
        QStringList parts;
        for (const FlatChild& child : layerChildren(value, {}))
            if (child.value->kind() == ValueKind::Tensor)
                parts << render(*child.value);
        return className(value) + QLatin1Char('(') + parts.join(QStringLiteral(", ")) +
               QLatin1Char(')');
    }
};

} // namespace

namespace {

bool holdsRichLayers(const InputValue& v, QSet<const InputValue*>& seen, int depth) {
    if (depth > 64 || seen.contains(&v))
        return false;
    seen.insert(&v);
    if (isLayerObject(v) && v.shortClassName() != QLatin1String("DynamicLayer"))
        return true;
    for (const auto& item : v.items())
        // Only containers can hold a layer: tensors and scalars cost one test.
        if (item && !item->items().empty() && holdsRichLayers(*item, seen, depth + 1))
            return true;
    return false;
}

} // namespace

CacheLayout faithfulLayout(const InputValue& root) {
    QSet<const InputValue*> seen;
    return holdsRichLayers(root, seen, 0) ? CacheLayout::Layers : CacheLayout::Transformers;
}

QStringList layerTensorFields(const QString& shortClassName) {
    const LayerClass* known = layerClass(shortClassName);
    if (!known)
        return {QStringLiteral("keys"), QStringLiteral("values")};
    QStringList fields;
    for (const LayerField& f : known->fields)
        if (!f.counter)
            fields << QLatin1String(f.name);
    return fields;
}

bool isDerivedLayerField(const QString& field) {
    return field == QLatin1String("_sliding_window_tensor") || field == QLatin1String("is_sliding");
}

bool isLayerObject(const InputValue& value) {
    return value.kind() == ValueKind::Object &&
           value.className().startsWith(QLatin1String("transformers.")) &&
           value.shortClassName().endsWith(QLatin1String("Layer"));
}

std::vector<FlatChild> layerChildren(const InputValue& layer, const FlatNaming& naming) {
    std::vector<FlatChild> children;
    if (const LayerClass* known = layerClass(layer.shortClassName())) {
        for (size_t i = 0; i < known->fields.size(); ++i) {
            const LayerField& field = known->fields[i];
            const InputValue::Ptr value = layer.field(QLatin1String(field.name));
            if (!value || value->kind() == ValueKind::None) {
                if (i == 0)
                    return {}; // not filled yet: nothing of it is an input
                continue;
            }
            children.push_back(fieldChild(value, QLatin1String(field.name), field.counter, naming));
        }
        return children;
    }
    for (size_t i = 0; i < layer.keys().size(); ++i) {
        const InputValue::Ptr& value = layer.items()[i];
        if (value && value->kind() == ValueKind::Tensor)
            children.push_back(fieldChild(value, layer.keys()[i].text, false, naming));
    }
    return children;
}

const NodeKind& cacheLayerKind() {
    static const CacheLayer kind;
    return kind;
}

} // namespace ds::caches
