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
};

Result<TorchZipLayout> findTorchZipLayout(const ZipArchive& archive);

} // namespace ds::pt
