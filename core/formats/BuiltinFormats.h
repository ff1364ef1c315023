#pragma once

#include "InputFormat.h"

#include <vector>

namespace ds::formats {

// The formats compiled into DimStudio, in the order they are asked: binary
// formats first (their magic bytes are unambiguous), text formats last.
std::vector<const InputFormat*> builtinFormats();

// One factory per format, each defined in its own file.
const InputFormat& torchZipFormat();
const InputFormat& torchLegacyFormat();
const InputFormat& torchTarFormat();
const InputFormat& dimStudioJsonFormat();
const InputFormat& typeStringFormat();

} // namespace ds::formats
