#pragma once

#include "InputValue.h"

#include <array>
#include <optional>

namespace ds::pt::detail {

// One node per immutable scalar value a pickle mentions often: None, True,
// False and the ints from -1 to 1023 (sizes, strides, offsets, dims). Made on
// first use; nobody changes a scalar node once the reader has built it, so
// sharing one is what Python itself does with small ints.
class SharedScalars {
public:
    static constexpr qint64 kFirstInt = -1;
    static constexpr qint64 kLastInt = 1023;

    const InputValue::Ptr& none() {
        if (!m_none)
            m_none = InputValue::none();
        return m_none;
    }
    const InputValue::Ptr& boolean(bool v) {
        InputValue::Ptr& slot = v ? m_true : m_false;
        if (!slot)
            slot = InputValue::boolean(v);
        return slot;
    }
    // No value: an int too large for 64 bits, known only as "an int".
    InputValue::Ptr integer(std::optional<qint64> v) {
        if (!v || *v < kFirstInt || *v > kLastInt)
            return InputValue::integer(v);
        InputValue::Ptr& slot = m_ints[static_cast<size_t>(*v - kFirstInt)];
        if (!slot)
            slot = InputValue::integer(v);
        return slot;
    }

private:
    InputValue::Ptr m_none, m_true, m_false;
    std::array<InputValue::Ptr, kLastInt - kFirstInt + 1> m_ints;
};

} // namespace ds::pt::detail
