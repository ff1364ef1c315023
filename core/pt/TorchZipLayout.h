#pragma once

#include "Result.h"
#include "ZipArchive.h"

namespace ds::pt {

// Where the parts of a torch.save zip are: "<root>/data.pkl", "<root>/data/<key>",
// "<root>/byteorder". The root is the one folder holding data.pkl.
struct TorchZipLayout {
    QString root;
    const ZipEntry* dataPickle = nullptr;
    bool bigEndian = false; // "<root>/byteorder" says "big"

    QString recordName(const QString& key) const { return root + QStringLiteral("/data/") + key; }
    // The entry recordName(key) names, or nullptr. torch numbers storages 0,
    // 1, 2, ...: those records are found by index, which for a file of
    // 100,000 tensors is a tenth of the time a name lookup takes.
    // `keyNumber`: plainRecordNumber(key) when the caller has it, else -2.
    const ZipEntry* storageRecord(const ZipArchive& archive, const QString& key,
                                  qint64 keyNumber = -2) const;

    std::vector<const ZipEntry*> numberedRecords; // "<root>/data/<i>" at i, else nullptr
};

Result<TorchZipLayout> findTorchZipLayout(const ZipArchive& archive);

} // namespace ds::pt
