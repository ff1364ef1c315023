#pragma once

#include "InputValue.h"

#include <unordered_map>
#include <vector>

namespace ds::pt::detail {

// The unpickler's memo (PUT/GET slots). Picklers number slots 0, 1, 2, ...
// so a vector serves them; a torch file with 100,000 tensors memoizes some
// 700,000 values, where a hash map costs a tenth of the whole read. A slot far
// past the others (only hand-made pickles have one) goes to a map instead, so
// that one large index cannot make the vector huge.
class PickleMemo {
public:
    static constexpr quint64 kMaxGap = 1 << 16; // dense slots may skip this many

    // nullptr when the slot was never set.
    const InputValue::Ptr* find(quint64 index) const {
        if (index < m_dense.size() && m_dense[index].used)
            return &m_dense[index].value;
        const auto it = m_sparse.find(index);
        return it == m_sparse.end() ? nullptr : &it->second;
    }
    // Sets the slot; the caller checks the entry limit before adding one.
    void put(quint64 index, InputValue::Ptr value) {
        const auto sparse = m_sparse.find(index);
        if (sparse != m_sparse.end()) {
            sparse->second = std::move(value);
            return;
        }
        ++m_count;
        if (index < m_dense.size() + kMaxGap) {
            if (index >= m_dense.size())
                m_dense.resize(index + 1);
            Slot& slot = m_dense[index];
            m_count -= slot.used ? 1 : 0;
            slot = Slot{std::move(value), true};
            return;
        }
        m_sparse.emplace(index, std::move(value));
    }
    // Filled slots, as len(memo) in Python (MEMOIZE puts at this index).
    qint64 size() const { return m_count; }
    void clear() {
        m_dense.clear();
        m_sparse.clear();
        m_count = 0;
    }

private:
    struct Slot {
        InputValue::Ptr value; // may be null, as a stack value may
        bool used = false;
    };
    std::vector<Slot> m_dense;
    std::unordered_map<quint64, InputValue::Ptr> m_sparse;
    qint64 m_count = 0;
};

} // namespace ds::pt::detail
