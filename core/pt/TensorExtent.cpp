#include "TensorExtent.h"

namespace ds::pt {

bool multiplyChecked(qint64 a, qint64 b, qint64* out) {
    return !__builtin_mul_overflow(a, b, out);
}

Result<qint64> checkedElementCount(const std::vector<qint64>& shape) {
    qint64 n = 1;
    for (size_t i = 0; i < shape.size(); ++i) {
        if (shape[i] < 0)
            return Error(QStringLiteral("negative size %1 in dimension %2").arg(shape[i]).arg(i));
        if (!multiplyChecked(n, shape[i], &n))
            return Error(QStringLiteral("the shape's element count overflows 64 bits"));
    }
    // Also the product of the non-zero sizes: TensorInfo::numel() and others
    // multiply in order and must not overflow before reaching a zero.
    qint64 nonZero = 1;
    for (qint64 d : shape)
        if (d != 0 && !multiplyChecked(nonZero, d, &nonZero))
            return Error(QStringLiteral("the shape's element count overflows 64 bits"));
    return n;
}

Result<qint64> viewExtentElements(const std::vector<qint64>& shape,
                                  const std::vector<qint64>& stride, qint64 storageOffset) {
    if (shape.size() != stride.size())
        return Error(QStringLiteral("the tensor has %1 sizes but %2 strides")
                         .arg(shape.size())
                         .arg(stride.size()));
    if (storageOffset < 0)
        return Error(QStringLiteral("negative storage offset %1").arg(storageOffset));
    auto count = checkedElementCount(shape);
    if (!count)
        return count.error();
    for (size_t i = 0; i < stride.size(); ++i)
        if (stride[i] < 0)
            return Error(
                QStringLiteral("negative stride %1 in dimension %2").arg(stride[i]).arg(i));
    if (count.value() == 0)
        return storageOffset;
    qint64 last = storageOffset;
    for (size_t i = 0; i < shape.size(); ++i) {
        qint64 step = 0;
        if (!multiplyChecked(shape[i] - 1, stride[i], &step) ||
            __builtin_add_overflow(last, step, &last))
            return Error(QStringLiteral("the tensor's strides reach beyond 64-bit offsets"));
    }
    qint64 extent = 0;
    if (__builtin_add_overflow(last, qint64(1), &extent))
        return Error(QStringLiteral("the tensor's strides reach beyond 64-bit offsets"));
    return extent;
}

} // namespace ds::pt
