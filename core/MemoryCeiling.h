#pragma once

#include "Result.h"

#include <QtGlobal>

namespace ds {

// The most address space one DimStudio process may take, so that a file built
// to exhaust memory ends in "out of memory" (an error the reader reports) and
// not in the kernel's OOM killer or a swapped-out machine. The ceiling is an
// RLIMIT_AS set once at start: $DIMSTUDIO_MEMORY_LIMIT in MiB ("0" or "none":
// no ceiling), else half of the machine's memory, at most 8 GiB. Sanitized
// builds (whose shadow memory is terabytes of address space) set none.
struct MemoryCeiling {
    qint64 bytes = 0; // 0: none
    QString origin;   // "DIMSTUDIO_MEMORY_LIMIT" or "default"
};

// Reads the environment, applies the ceiling and remembers it; an unusable
// value of $DIMSTUDIO_MEMORY_LIMIT is an error (and nothing is applied).
Result<MemoryCeiling> applyMemoryCeiling();

// The ceiling applied (bytes 0 when none), for messages.
MemoryCeiling memoryCeiling();

// "out of memory (the ceiling is 8192 MiB, set DIMSTUDIO_MEMORY_LIMIT in MiB
// to change it)": what reports of a failed allocation say.
QString outOfMemoryMessage(const QString& during);

} // namespace ds
