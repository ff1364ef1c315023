#pragma once

#include "LoadedInputs.h"
#include "PickleLimits.h"
#include "Result.h"

namespace ds::pt {

// The torch.save zip format (torch >= 1.6): reads <root>/data.pkl and checks
// every storage record it names, reading no tensor bytes. format "torch-zip".
Result<LoadedInputs> readTorchZip(const QString& path, const PickleLimits& limits = {});

} // namespace ds::pt
