#pragma once

#include <QtGlobal>

#include <optional>
#include <unordered_set>
#include <vector>

namespace ds::pt {

// The memo slots a pickle ever reads (GET, BINGET, LONG_BINGET), found by a
// quick pass over its opcodes before it runs. torch.save memoizes every value
// it writes (BINPUT after each one) and reads back only a few, so knowing
// which slots are read lets the reader drop the rest as soon as they are used:
// with 100,000 tensors that is most of the values and most of the memory.
struct MemoReads {
    std::vector<bool> dense; // slots below kDenseLimit
    std::unordered_set<quint64> sparse;
    static constexpr quint64 kDenseLimit = 1 << 24;

    bool isRead(quint64 slot) const {
        return slot < dense.size() ? bool(dense[slot]) : sparse.count(slot) > 0;
    }
};

// Scans opcodes from the start up to the first STOP. nullopt when the scan
// cannot be sure, and then every slot must be kept: MEMOIZE (its slot number
// is the memo's size, which the scan does not track), an opcode it does not
// know, or an operand that runs past the end (the reader reports those).
std::optional<MemoReads> findMemoReads(const char* data, qint64 size);

} // namespace ds::pt
