// EncoderDecoderCache: two caches, flattened as [self_attention_cache,
// cross_attention_cache] in every layout, each in that layout in turn.
#include "NodeKinds.h"

namespace ds::caches {

namespace {

// When Cache was an nn.Module (transformers 4.44-4.48), the two caches were
// submodules: they live in `_modules`, not in __dict__.
InputValue::Ptr fieldOrSubmodule(const InputValue& value, const QString& name) {
    if (InputValue::Ptr v = value.field(name))
        return v;
    const InputValue::Ptr modules = value.field(QStringLiteral("_modules"));
    if (modules && modules->kind() == ValueKind::Dict)
        return modules->field(name);
    return nullptr;
}

InputValue::Ptr selfAttention(const InputValue& value) {
    return fieldOrSubmodule(value, QStringLiteral("self_attention_cache"));
}

InputValue::Ptr crossAttention(const InputValue& value) {
    return fieldOrSubmodule(value, QStringLiteral("cross_attention_cache"));
}

class EncoderDecoderCache final : public NodeKind {
public:
    bool matches(const InputValue& value) const override {
        const InputValue::Ptr self = selfAttention(value);
        const InputValue::Ptr cross = crossAttention(value);
        return self && cross && findNodeKind(*self) && findNodeKind(*cross);
    }

    std::vector<FlatChild> children(const InputValue& value, CacheLayout,
                                    const FlatNaming& naming) const override {
        // optimum's names: past_key_values.0.decoder.key / past_key_values.0.encoder.key
        FlatChild self;
        self.value = selfAttention(value);
        self.label = self.pytreeKey = QStringLiteral("self_attention_cache");
        self.naming = {naming.base, QStringLiteral("decoder")};
        FlatChild cross;
        cross.value = crossAttention(value);
        cross.label = cross.pytreeKey = QStringLiteral("cross_attention_cache");
        cross.naming = {naming.base, QStringLiteral("encoder")};
        return {std::move(self), std::move(cross)};
    }

    QString typeString(const InputValue& value, const RenderValue& render) const override {
        return QStringLiteral("%1(self_attention_cache=%2, cross_attention_cache=%3)")
            .arg(className(value), render(*selfAttention(value)), render(*crossAttention(value)));
    }
};

} // namespace

const NodeKind& encoderDecoderCacheKind() {
    static const EncoderDecoderCache kind;
    return kind;
}

} // namespace ds::caches
