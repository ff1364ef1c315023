#pragma once

#include "InputLoader.h"

namespace ds::pt {

// Opens a torch.save file without executing any of its pickled code and
// without reading tensor bytes: the zip format (format "torch-zip") or the
// pre-1.6 format ("torch-legacy"), decided from the first bytes. Tensors carry
// where their bytes are (storageKey/storageBytes, storageFileOffset for
// legacy files) so that values can be read later on demand.
// Hostile files give an Error naming the file and the byte or entry; they
// cannot make the reader crash, loop, recurse without bound or run out of
// memory, and it writes nothing.
Result<LoadedInputs> readTorchFile(const QString& path);

} // namespace ds::pt
