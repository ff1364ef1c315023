#pragma once

#include "DType.h"

#include <QString>

namespace ds::pt {

struct StorageClass {
    bool known = false;
    DType dtype = DType::Unknown; // what the bytes hold (quantized: the integer representation)
    bool untyped = false;         // UntypedStorage: sizes count bytes
    bool quantized = false;
    int elementBytes = 0;
};

// From the class name without module ("FloatStorage", "UntypedStorage",
// "QInt8Storage"); torch.cuda.* storages share the names of the CPU ones.
StorageClass storageClassFromName(const QString& shortName);

} // namespace ds::pt
