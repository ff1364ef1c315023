// transformers up to 4.53 (the nn.Module era included): parallel `key_cache`
// and `value_cache` lists of tensors (formats.md §4).
#include "KeyValueCache.h"
#include "NodeKinds.h"

namespace ds::caches {

namespace {

bool isSequence(const InputValue::Ptr& v) {
    return v && (v->kind() == ValueKind::List || v->kind() == ValueKind::Tuple);
}

class KeyValueListCache final : public KeyValueCacheKind {
public:
    std::optional<std::vector<KeyValueLayer>> layers(const InputValue& value) const override {
        const InputValue::Ptr keys = value.field(QStringLiteral("key_cache"));
        const InputValue::Ptr values = value.field(QStringLiteral("value_cache"));
        if (!isSequence(keys) || !isSequence(values) || keys->size() != values->size())
            return std::nullopt;
        std::vector<KeyValueLayer> result;
        for (int i = 0; i < keys->size(); ++i) {
            const auto& k = keys->at(i);
            const auto& v = values->at(i);
            if (!k || !v || k->kind() != ValueKind::Tensor || v->kind() != ValueKind::Tensor)
                return std::nullopt;
            result.push_back({QString(), k, v});
        }
        return result;
    }
};

} // namespace

const NodeKind& keyValueListCacheKind() {
    static const KeyValueListCache kind;
    return kind;
}

} // namespace ds::caches
