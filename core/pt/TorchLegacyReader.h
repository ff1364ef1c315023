#pragma once

#include "LoadedInputs.h"
#include "PickleLimits.h"
#include "Result.h"

namespace ds::pt {

// The pre-1.6 torch.save format: pickles for the magic number, the protocol
// version (1001), system info, the object and the storage keys, then each
// storage as an int64 element count and its little-endian bytes. Reads the
// pickles, locates every storage (TensorInfo::storageFileOffset) and checks it
// is complete, reading no tensor bytes. format "torch-legacy".
Result<LoadedInputs> readTorchLegacy(const QString& path, const PickleLimits& limits = {});

} // namespace ds::pt
