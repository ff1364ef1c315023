#pragma once

#include <QtGlobal>

namespace ds::pt {

// Bounds that keep a hostile pickle harmless: every number here caps memory or
// time. Real torch.save files stay far below all of them (a 7B-parameter
// state_dict has a few thousand tensors and a data.pkl of about 1 MiB).
struct PickleLimits {
    qint64 maxStackSize = 1'000'000;   // values on the stack at once
    qint64 maxMarks = 100'000;         // open MARKs
    qint64 maxMemoEntries = 2'000'000; // PUT/MEMOIZE slots
    qint64 maxValues = 2'000'000;      // values created in total
    qint64 maxStringBytes = 64 << 20;  // one str/bytes payload
    qint64 maxTotalStringBytes = 256 << 20;
    qint64 maxNameLength = 1024;          // GLOBAL module/name
    qint64 maxLongBytes = 4096;           // LONG1/LONG4/LONG payloads
    int maxDepth = 512;                   // nesting of containers in the result
    qint64 maxExpandedValues = 5'000'000; // values seen by a walk that follows shared references
    int maxRank = 64;                     // tensor dimensions
    int maxContainerEntries = 10'000'000; // items in one list/dict/set
    // Items the interpreter copies in total (state dicts into objects, lists
    // into sets, arguments into descriptions). One memoized dict BUILT into
    // objects a million times would otherwise cost a million times its size.
    qint64 maxCopiedItems = 2'000'000;
};

} // namespace ds::pt
