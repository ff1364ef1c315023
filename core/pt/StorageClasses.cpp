#include "StorageClasses.h"

namespace ds::pt {

StorageClass storageClassFromName(const QString& shortName) {
    StorageClass sc;
    if (shortName == QLatin1String("UntypedStorage") ||
        shortName == QLatin1String("_UntypedStorage")) {
        sc.known = true;
        sc.untyped = true;
        sc.elementBytes = 1;
        return sc;
    }
    // Quantized storages hold their integer representation.
    struct Quantized {
        const char* name;
        DType repr;
        int bytes;
    };
    static const Quantized quantized[] = {
        {"QInt8Storage", DType::Int8, 1},     {"QUInt8Storage", DType::UInt8, 1},
        {"QInt32Storage", DType::Int32, 4},   {"QUInt4x2Storage", DType::UInt8, 1},
        {"QUInt2x4Storage", DType::UInt8, 1},
    };
    for (const auto& q : quantized) {
        if (shortName == QLatin1String(q.name)) {
            sc.known = true;
            sc.quantized = true;
            sc.dtype = q.repr;
            sc.elementBytes = q.bytes;
            return sc;
        }
    }
    if (shortName == QLatin1String("ComplexHalfStorage")) {
        sc.known = true; // no ONNX code: kept as Unknown with its size
        sc.elementBytes = 4;
        return sc;
    }
    const DType t = dtypeFromStorageClass(shortName);
    if (t != DType::Unknown && elementSize(t) > 0) {
        sc.known = true;
        sc.dtype = t;
        sc.elementBytes = elementSize(t);
    }
    return sc;
}

} // namespace ds::pt
