#pragma once

#include <QtGlobal>

#include <algorithm>

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
    qint64 maxNameLength = 1024; // GLOBAL module/name
    qint64 maxLongBytes = 4096;  // LONG1/LONG4/LONG payloads
    int maxDepth = 512;          // nesting of containers in the result
    // Values seen by a walk that follows shared references (what printing,
    // the spec and the checks do): at most this many, and at most
    // expandedBase + expandedPerByte per byte of the pickle, so that work
    // stays proportional to the file. A real pickle expands to far fewer
    // values than it has bytes (100,000 tensors: 7.8 MB, some 200,000 values).
    qint64 maxExpandedValues = 1'000'000;
    qint64 expandedBase = 100'000;
    qint64 expandedPerByte = 4;
    int maxRank = 64;                     // tensor dimensions
    int maxContainerEntries = 10'000'000; // items in one list/dict/set
    // Items the interpreter copies in total (state dicts into objects, lists
    // into sets, arguments into descriptions). One memoized dict BUILT into
    // objects a million times would otherwise cost a million times its size.
    qint64 maxCopiedItems = 2'000'000;

    qint64 expansionBudget(qint64 pickleBytes) const {
        return std::min(maxExpandedValues, expandedBase + expandedPerByte * pickleBytes);
    }
};

} // namespace ds::pt
