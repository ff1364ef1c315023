#pragma once

#include "InputValue.h"

#include <unordered_map>
#include <vector>

namespace ds::pt::detail {

// The unpickler's memo (PUT/GET slots). Picklers number slots 0, 1, 2, ...
// so vectors serve them; a torch file with 100,000 tensors memoizes some
// 700,000 values, where a hash map costs a tenth of the whole read. Which
// slots are set is one byte each; values take room only up to the highest
// slot that holds one, and the reader stores none for slots no GET reads
// (most of them). A slot that would leave the vectors less than half used
// (only hand-made pickles skip indices) goes to a map instead, so that memory
// follows the entries put: neither one large index nor many indices 65,535
// apart can make the vectors huge.
class PickleMemo {
public:
    static constexpr quint64 kSlack = 4096; // dense slots a small memo may skip

    // nullptr when the slot was never set; a pointer to a null value when it
    // was set without a value.
    const InputValue::Ptr* find(quint64 index) const {
        if (index < m_set.size()) {
            if (!m_set[index])
                return nullptr;
            return index < m_values.size() ? &m_values[index] : &m_none;
        }
        if (m_sparse.empty())
            return nullptr;
        const auto it = m_sparse.find(index);
        return it == m_sparse.end() ? nullptr : &it->second;
    }
    // Sets the slot; the caller checks the entry limit before adding one.
    // A null `value` marks the slot as set without keeping anything.
    void put(quint64 index, InputValue::Ptr value) {
        if (!m_sparse.empty()) { // only hand-made pickles put slots there
            const auto sparse = m_sparse.find(index);
            if (sparse != m_sparse.end()) {
                sparse->second = std::move(value);
                return;
            }
        }
        if (index >= m_set.size() && index >= 2 * static_cast<quint64>(m_count) + kSlack) {
            ++m_count;
            m_sparse.emplace(index, std::move(value));
            return;
        }
        if (index >= m_set.size())
            m_set.resize(index + 1, 0);
        m_count += m_set[index] ? 0 : 1;
        m_set[index] = 1;
        if (value) {
            if (index >= m_values.size())
                m_values.resize(index + 1);
            m_values[index] = std::move(value);
        } else if (index < m_values.size()) {
            m_values[index].reset();
        }
    }
    // Filled slots, as len(memo) in Python (MEMOIZE puts at this index).
    qint64 size() const { return m_count; }
    void clear() {
        m_set.clear();
        m_values.clear();
        m_sparse.clear();
        m_count = 0;
    }

private:
    std::vector<quint8> m_set;             // 1 when set: a byte each, which is quicker than bits
    std::vector<InputValue::Ptr> m_values; // may hold nulls, as stack values may be
    std::unordered_map<quint64, InputValue::Ptr> m_sparse;
    qint64 m_count = 0;
    const InputValue::Ptr m_none;
};

} // namespace ds::pt::detail
