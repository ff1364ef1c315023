#include "TorchZipLayout.h"

namespace ds::pt {

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
                         QString(), archive.path());
        layout.root = entry.name.left(slash);
        layout.dataPickle = &entry;
    }
    if (!layout.dataPickle)
        return Error(QStringLiteral("the zip archive has no <folder>/data.pkl, so it is not a "
                                    "torch.save file"),
                     QString(), archive.path());
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
    return layout;
}

} // namespace ds::pt
