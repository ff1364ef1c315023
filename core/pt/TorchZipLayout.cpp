#include "TorchZipLayout.h"

#include "StorageInfo.h"

namespace ds::pt {

namespace {

void indexNumberedRecords(const ZipArchive& archive, TorchZipLayout& layout) {
    const QString prefix = layout.root + QStringLiteral("/data/");
    // Numbers past the entry count cannot all be records: a hand-made file
    // naming "data/99999999" is looked up by name instead of growing the table.
    const qint64 limit = static_cast<qint64>(archive.entries().size());
    for (const ZipEntry& entry : archive.entries()) {
        if (!entry.name.startsWith(prefix))
            continue;
        const qint64 n = plainRecordNumber(QStringView(entry.name).mid(prefix.size()));
        if (n < 0 || n >= limit)
            continue;
        if (static_cast<qint64>(layout.numberedRecords.size()) <= n)
            layout.numberedRecords.resize(static_cast<size_t>(n) + 1, nullptr);
        layout.numberedRecords[static_cast<size_t>(n)] = &entry;
    }
}

} // namespace

const ZipEntry* TorchZipLayout::storageRecord(const ZipArchive& archive, const QString& key,
                                              qint64 keyNumber) const {
    const qint64 n = keyNumber == -2 ? plainRecordNumber(key) : keyNumber;
    if (n >= 0 && n < static_cast<qint64>(numberedRecords.size()) &&
        numberedRecords[static_cast<size_t>(n)])
        return numberedRecords[static_cast<size_t>(n)];
    return archive.find(recordName(key));
}

Result<TorchZipLayout> findTorchZipLayout(const ZipArchive& archive) {
    TorchZipLayout layout;
    for (const ZipEntry& entry : archive.entries()) {
        // "<root>/data.pkl" with exactly one slash; no split, as every entry
        // (one per storage) passes here.
        const qsizetype slash = entry.name.indexOf(QLatin1Char('/'));
        if (slash < 0 || entry.name.indexOf(QLatin1Char('/'), slash + 1) >= 0 ||
            QStringView(entry.name).mid(slash + 1) != QLatin1String("data.pkl"))
            continue;
        if (layout.dataPickle)
            return Error(QStringLiteral("the archive holds two data.pkl (%1 and %2); which one "
                                        "torch would read is ambiguous")
                             .arg(layout.dataPickle->name, entry.name),
                         QStringLiteral("zip entry %1").arg(entry.name), archive.path());
        layout.root = entry.name.left(slash);
        layout.dataPickle = &entry;
    }
    if (!layout.dataPickle)
        return Error(
            QStringLiteral("the zip archive has no <folder>/data.pkl, so it is not a "
                           "torch.save file"),
            QStringLiteral("the zip's central directory, %1 entries").arg(archive.entries().size()),
            archive.path());
    if (const ZipEntry* order = archive.find(layout.root + QStringLiteral("/byteorder"))) {
        auto text = archive.read(*order, 16);
        if (!text)
            return text.error();
        const QByteArray value = text.value().trimmed();
        if (value != "little" && value != "big")
            return Error(QStringLiteral("the byteorder record says \"%1\", neither little nor big")
                             .arg(QString::fromLatin1(value.left(16))),
                         QStringLiteral("entry %1").arg(order->name), archive.path());
        layout.bigEndian = value == "big";
    }
    indexNumberedRecords(archive, layout);
    return layout;
}

} // namespace ds::pt
