#pragma once

#include "InputValue.h"

#include <QHash>

#include <unordered_map>

namespace ds::pt {

// Inserts keys into dicts and objects under construction in constant time.
// InputValue::insert() scans all keys, which a hostile pickle with a million
// SETITEMs would turn into hours; here each target gets a hash of its keys.
class EntryIndex {
public:
    // Python semantics: a new key is appended, an existing one keeps its place
    // and takes the new value.
    void insert(InputValue& target, const Key& key, InputValue::Ptr value);
    // The value stored under `key`, or null; constant time.
    InputValue::Ptr find(InputValue& target, const Key& key);
    // Drops every hash (the nodes they describe may be gone after a pickle ends).
    void clear() { m_index.clear(); }
    // Drops the hash of one node about to be destroyed (its address may be reused).
    void forget(const InputValue* target) { m_index.erase(target); }

private:
    using KeyHash = QHash<QString, int>;
    KeyHash& indexOf(InputValue& target);

    std::unordered_map<const InputValue*, KeyHash> m_index;
};

} // namespace ds::pt
