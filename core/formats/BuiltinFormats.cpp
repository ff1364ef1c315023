#include "BuiltinFormats.h"

namespace ds::formats {

std::vector<const InputFormat*> builtinFormats() {
    return {&torchZipFormat(), &torchLegacyFormat(), &torchTarFormat(), &dimStudioJsonFormat(),
            &typeStringFormat()};
}

} // namespace ds::formats
