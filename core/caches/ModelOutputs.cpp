// transformers' ModelOutput dataclasses given as model inputs (Whisper's
// encoder_outputs, a BaseModelOutput): a pytree node whose children are its
// non-None fields, as transformers registers every ModelOutput.
#include "NodeKinds.h"

namespace ds::caches {

namespace {

std::vector<std::pair<QString, InputValue::Ptr>> presentFields(const InputValue& value) {
    std::vector<std::pair<QString, InputValue::Ptr>> fields;
    for (size_t i = 0; i < value.keys().size(); ++i) {
        const InputValue::Ptr& v = value.items()[i];
        if (v && v->kind() != ValueKind::None)
            fields.emplace_back(value.keys()[i].text, v);
    }
    return fields;
}

class ModelOutput final : public NodeKind {
public:
    bool matches(const InputValue& value) const override {
        return value.className().startsWith(QLatin1String("transformers.")) &&
               value.shortClassName().endsWith(QLatin1String("Output"));
    }

    std::vector<FlatChild> children(const InputValue& value, CacheLayout,
                                    const FlatNaming& naming) const override {
        std::vector<FlatChild> children;
        for (const auto& [name, v] : presentFields(value)) {
            FlatChild child;
            child.value = v;
            child.label = name;
            child.pytreeKey = name;
            child.naming = {naming.base.isEmpty() ? name : naming.base + QLatin1Char('.') + name,
                            QString()};
            children.push_back(std::move(child));
        }
        return children;
    }

    // onnx-diagnostic prints a dataclass as its class and its non-None
    // fields: BaseModelOutput(last_hidden_state:T1s2x30x64).
    QString typeString(const InputValue& value, const RenderValue& render) const override {
        QStringList parts;
        for (const auto& [name, v] : presentFields(value))
            parts << name + QLatin1Char(':') + render(*v);
        if (parts.isEmpty())
            return className(value);
        return className(value) + QLatin1Char('(') + parts.join(QLatin1Char(',')) +
               QLatin1Char(')');
    }
};

} // namespace

const NodeKind& modelOutputKind() {
    static const ModelOutput kind;
    return kind;
}

} // namespace ds::caches
