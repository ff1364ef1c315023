#pragma once

#include "DType.h"
#include "Result.h"

#include <QString>

#include <functional>

namespace ds::pt {

// A storage as a persistent id announces it:
// ('storage', StorageClass, key, location, numel[, view_metadata]).
struct StorageInfo {
    QString key;                  // record name: "<root>/data/<key>" in a zip
    qint64 keyNumber = -1;        // plainRecordNumber(key), computed once
    QString className;            // "torch.FloatStorage", "torch.UntypedStorage", ...
    DType dtype = DType::Unknown; // element type of a typed storage, Unknown when untyped
    bool untyped = false;         // numel counts bytes; the dtype comes from the rebuild call
    bool quantized = false;
    int elementBytes = 1; // bytes per numel unit
    qint64 numel = 0;     // as announced
    qint64 bytes = 0;     // numel * elementBytes
    QString location;     // "cpu", "cuda:0", ...
    // Pre-1.6 files can pickle a view of a storage: elements [viewOffset,
    // viewOffset + viewNumel) of the storage `key`. viewNumel < 0: no view.
    qint64 viewOffset = 0;
    qint64 viewNumel = -1;
    qint64 pidOffset = 0; // byte of the BINPERSID, for errors found later
};

// The value of a record key written as torch writes numbers ("0", "17"; no
// sign, no leading zero, at most 9 digits), or -1.
inline qint64 plainRecordNumber(QStringView key) {
    if (key.isEmpty() || key.size() > 9 || (key.size() > 1 && key[0] == QLatin1Char('0')))
        return -1;
    qint64 value = 0;
    for (const QChar c : key) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return -1;
        value = value * 10 + (c.unicode() - '0');
    }
    return value;
}

// How a file format vouches for a storage when the pickle announces it: the
// zip reader checks that the record exists, is stored uncompressed and holds
// `bytes`; the legacy reader only collects (its data comes after the pickle).
using StorageCheck = std::function<Status(const StorageInfo&)>;

} // namespace ds::pt
