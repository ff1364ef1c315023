#include "EntryIndex.h"

namespace ds::pt {

namespace {

// Ints and strings must not collide ({1: a, '1': b} has two keys).
QString hashKey(const Key& key) {
    return key.isInt ? QStringLiteral("i") + QString::number(key.intValue)
                     : QStringLiteral("s") + key.text;
}

} // namespace

EntryIndex::KeyHash& EntryIndex::indexOf(InputValue& target) {
    KeyHash& hash = m_index[&target];
    // Someone else (InputValue::insert, clearItems) may have changed the keys:
    // rebuild from the node itself whenever the sizes disagree.
    if (hash.size() != static_cast<int>(target.keys().size())) {
        hash.clear();
        const auto& keys = target.keys();
        for (size_t i = 0; i < keys.size(); ++i)
            hash.insert(hashKey(keys[i]), static_cast<int>(i));
    }
    return hash;
}

InputValue::Ptr EntryIndex::find(InputValue& target, const Key& key) {
    const KeyHash& hash = indexOf(target);
    const auto it = hash.constFind(hashKey(key));
    return it == hash.constEnd() ? nullptr : target.at(it.value());
}

void EntryIndex::insert(InputValue& target, const Key& key, InputValue::Ptr value) {
    KeyHash& hash = indexOf(target);
    const QString hk = hashKey(key);
    const auto it = hash.constFind(hk);
    if (it != hash.constEnd()) {
        target.replaceItem(it.value(), std::move(value));
        return;
    }
    hash.insert(hk, static_cast<int>(target.keys().size()));
    target.appendEntry(key, std::move(value));
}

} // namespace ds::pt
