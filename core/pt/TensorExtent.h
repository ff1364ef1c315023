#pragma once

#include "Result.h"

#include <QtGlobal>

#include <vector>

namespace ds::pt {

// Checks a strided view before anyone trusts it: sizes, strides and offset are
// non-negative, the element count and the furthest element fit in 64 bits.
// Returns how many elements of the storage the view needs: offset + 1 +
// sum((size_i - 1) * stride_i), or `offset` for an empty view. Error messages
// describe the problem only; callers add where.
Result<qint64> viewExtentElements(const std::vector<qint64>& shape,
                                  const std::vector<qint64>& stride, qint64 storageOffset);

// Product of the sizes, or an error when it does not fit in 64 bits (a zero
// size does not excuse an overflowing product: later code multiplies in order).
Result<qint64> checkedElementCount(const std::vector<qint64>& shape);

// a * b, or nothing when it overflows.
bool multiplyChecked(qint64 a, qint64 b, qint64* out);

} // namespace ds::pt
