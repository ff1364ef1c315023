#include "ZipDirectory.h"

#include "ByteCursor.h"

#include <QIODevice>

#include <limits>

namespace ds::pt {

namespace {

constexpr quint32 kEndSignature = 0x06054b50;
constexpr quint32 kZip64EndSignature = 0x06064b50;
constexpr quint32 kZip64LocatorSignature = 0x07064b50;
constexpr quint32 kEntrySignature = 0x02014b50;
constexpr quint32 kLocalSignature = 0x04034b50;
constexpr qint64 kEndSize = 22;
constexpr qint64 kZip64LocatorSize = 20;
constexpr qint64 kZip64EndSize = 56;
constexpr qint64 kEntrySize = 46;
constexpr qint64 kLocalHeaderSize = 30; // before the name and extra field
constexpr quint16 kZip64ExtraId = 0x0001;
constexpr quint32 kMarker32 = 0xffffffff; // "the real value is in the ZIP64 field"
constexpr quint16 kMarker16 = 0xffff;

// Little-endian numbers at fixed offsets of a record already known to be
// long enough.
quint64 le(const char* p, int width) {
    quint64 v = 0;
    for (int i = width - 1; i >= 0; --i)
        v = (v << 8) | static_cast<quint8>(p[i]);
    return v;
}

Error notAZip(const QString& why, qint64 offset) {
    return Error(QStringLiteral("not a readable zip archive (%1); the file may be truncated or "
                                "damaged")
                     .arg(why),
                 QStringLiteral("byte %1").arg(offset));
}

Result<QByteArray> readAt(QIODevice& file, qint64 offset, qint64 length, const QString& what) {
    QByteArray bytes;
    if (file.seek(offset))
        bytes = file.read(length);
    if (bytes.size() != length)
        return notAZip(QStringLiteral("the file ends inside the %1").arg(what), offset);
    return bytes;
}

struct DirectoryPlace {
    qint64 offset = 0;
    qint64 size = 0;
    quint64 entries = 0;
};

// The end of central directory record, searched from the end (a comment of
// up to 64 KiB may follow it), and its ZIP64 counterpart when it defers to one.
Result<DirectoryPlace> findDirectory(QIODevice& file, qint64 fileSize) {
    if (fileSize < kEndSize)
        return notAZip(QStringLiteral("too short for an end of central directory record"), 0);
    const qint64 tailSize = qMin<qint64>(fileSize, kEndSize + 0xffff);
    const qint64 tailStart = fileSize - tailSize;
    auto tail = readAt(file, tailStart, tailSize, QStringLiteral("end of central directory"));
    if (!tail)
        return tail.error();
    const char* t = tail.value().constData();
    qint64 at = -1;
    for (qint64 i = tailSize - kEndSize; i >= 0; --i) {
        if (le(t + i, 4) != kEndSignature)
            continue;
        // The comment it announces must fit in what follows.
        if (i + kEndSize + static_cast<qint64>(le(t + i + 20, 2)) <= tailSize) {
            at = i;
            break;
        }
    }
    if (at < 0)
        return notAZip(QStringLiteral("no end of central directory record"), fileSize);
    const char* end = t + at;
    const qint64 endOffset = tailStart + at;
    if (le(end + 4, 2) != 0 || le(end + 6, 2) != 0)
        return notAZip(QStringLiteral("an archive split over several disks"), endOffset);
    DirectoryPlace place;
    place.entries = le(end + 10, 2);
    place.size = static_cast<qint64>(le(end + 12, 4));
    place.offset = static_cast<qint64>(le(end + 16, 4));
    const bool deferred =
        place.entries == kMarker16 || le(end + 12, 4) == kMarker32 || le(end + 16, 4) == kMarker32;
    // A ZIP64 locator right before the end record points to the ZIP64 end
    // record, whose counts and offsets replace the 32-bit ones.
    const qint64 locatorAt = at - kZip64LocatorSize; // in the tail
    if (locatorAt >= 0 && le(t + locatorAt, 4) == kZip64LocatorSignature) {
        const qint64 locatorOffset = tailStart + locatorAt;
        const quint64 zip64End = le(t + locatorAt + 8, 8);
        if (locatorOffset < kZip64EndSize ||
            zip64End > static_cast<quint64>(locatorOffset - kZip64EndSize))
            return notAZip(QStringLiteral("the ZIP64 end record lies outside the file"),
                           locatorOffset);
        auto record = readAt(file, static_cast<qint64>(zip64End), kZip64EndSize,
                             QStringLiteral("ZIP64 end of central directory"));
        if (!record)
            return record.error();
        const char* r = record.value().constData();
        if (le(r, 4) != kZip64EndSignature)
            return notAZip(QStringLiteral("no ZIP64 end record where the locator points"),
                           static_cast<qint64>(zip64End));
        if (le(r + 16, 4) != 0 || le(r + 20, 4) != 0)
            return notAZip(QStringLiteral("an archive split over several disks"),
                           static_cast<qint64>(zip64End));
        place.entries = le(r + 32, 8);
        const quint64 size = le(r + 40, 8), offset = le(r + 48, 8);
        if (size > static_cast<quint64>(fileSize) || offset > static_cast<quint64>(fileSize))
            return notAZip(QStringLiteral("the central directory lies outside the file"),
                           static_cast<qint64>(zip64End));
        place.size = static_cast<qint64>(size);
        place.offset = static_cast<qint64>(offset);
    } else if (deferred) {
        return notAZip(QStringLiteral("a ZIP64 archive without its ZIP64 end record"), endOffset);
    }
    if (place.offset > endOffset || place.size > endOffset - place.offset)
        return notAZip(QStringLiteral("the central directory lies outside the file"), endOffset);
    return place;
}

// Fills the fields the 32-bit record marks as deferred from the ZIP64 extra
// field, in the order the format fixes: size, compressed size, offset.
Status applyZip64Extra(ZipEntry& entry, const char* extra, qint64 extraLength, bool needSize,
                       bool needCompressed, bool needOffset) {
    ByteCursor fields(extra, extraLength);
    while (fields.remaining() >= 4) {
        const quint64 id = *fields.uintLE(2);
        const quint64 length = *fields.uintLE(2);
        auto body = fields.take(static_cast<qint64>(length));
        if (!body)
            return Error(QStringLiteral("an extra field runs past the entry's extra data"));
        if (id != kZip64ExtraId)
            continue;
        ByteCursor values(*body, static_cast<qint64>(length));
        auto next = [&](bool wanted, const char* what, qint64& into) -> Status {
            if (!wanted)
                return okStatus();
            auto v = values.uintLE(8);
            if (!v)
                return Error(QStringLiteral("its ZIP64 extra field is too short to hold its %1")
                                 .arg(QLatin1String(what)));
            if (*v > static_cast<quint64>(std::numeric_limits<qint64>::max()))
                return Error(QStringLiteral("its ZIP64 extra field gives a %1 of %2, beyond any "
                                            "file")
                                 .arg(QLatin1String(what))
                                 .arg(*v));
            into = static_cast<qint64>(*v);
            return okStatus();
        };
        if (Status s = next(needSize, "size", entry.size); !s)
            return s;
        if (Status s = next(needCompressed, "compressed size", entry.compressedSize); !s)
            return s;
        return next(needOffset, "local header offset", entry.localHeaderOffset);
    }
    return Error(QStringLiteral("its sizes are deferred to a ZIP64 extra field it does not have"));
}

} // namespace

Result<std::vector<ZipEntry>> readZipDirectory(QIODevice& file, qint64 fileSize,
                                               qint64 maxEntries) {
    auto place = findDirectory(file, fileSize);
    if (!place)
        return place.error();
    const DirectoryPlace& dir = place.value();
    if (dir.entries > static_cast<quint64>(maxEntries))
        return Error(QStringLiteral("the archive lists %1 entries, more than any torch file")
                         .arg(dir.entries),
                     QStringLiteral("end of central directory"));
    // Every entry takes at least 46 bytes: a count the directory cannot hold
    // is refused before anything is reserved for it.
    if (dir.entries > static_cast<quint64>(dir.size / kEntrySize))
        return notAZip(QStringLiteral("the end record counts %1 entries, more than the central "
                                      "directory's %2 bytes can hold")
                           .arg(dir.entries)
                           .arg(dir.size),
                       dir.offset);
    auto bytes = readAt(file, dir.offset, dir.size, QStringLiteral("central directory"));
    if (!bytes)
        return bytes.error();

    std::vector<ZipEntry> entries;
    entries.reserve(static_cast<size_t>(dir.entries));
    ByteCursor in(bytes.value().constData(), dir.size);
    for (quint64 i = 0; i < dir.entries; ++i) {
        const qint64 start = in.pos();
        // Made only for an error: formatting it for each of 100,000 entries
        // cost more than reading them.
        const auto where = [i] { return QStringLiteral("central directory entry %1").arg(i); };
        auto fixed = in.take(kEntrySize);
        if (!fixed || le(*fixed, 4) != kEntrySignature)
            return notAZip(
                QStringLiteral("central directory entry %1 is missing or damaged").arg(i),
                dir.offset + start);
        const char* e = *fixed;
        const quint64 flags = le(e + 8, 2);
        const qint64 nameLength = static_cast<qint64>(le(e + 28, 2));
        const qint64 extraLength = static_cast<qint64>(le(e + 30, 2));
        const qint64 commentLength = static_cast<qint64>(le(e + 32, 2));
        auto name = in.take(nameLength);
        auto extra = in.take(extraLength);
        if (!name || !extra || !in.take(commentLength))
            return notAZip(
                QStringLiteral("central directory entry %1 runs past the directory").arg(i),
                dir.offset + start);
        if (le(e + 34, 2) != 0 && le(e + 34, 2) != kMarker16)
            return Error(QStringLiteral("the entry lies on another disk"), where());
        ZipEntry entry;
        entry.name = QString::fromUtf8(*name, nameLength);
        entry.method = static_cast<int>(le(e + 10, 2));
        entry.crc32 = static_cast<quint32>(le(e + 16, 4));
        entry.compressedSize = static_cast<qint64>(le(e + 20, 4));
        entry.size = static_cast<qint64>(le(e + 24, 4));
        entry.localHeaderOffset = static_cast<qint64>(le(e + 42, 4));
        // Bit 0: encrypted; method 99: AES, which is encryption too.
        entry.encrypted = (flags & 1) != 0 || entry.method == 99;
        const bool needSize = le(e + 24, 4) == kMarker32;
        const bool needCompressed = le(e + 20, 4) == kMarker32;
        const bool needOffset = le(e + 42, 4) == kMarker32;
        if (needSize || needCompressed || needOffset)
            if (Status s = applyZip64Extra(entry, *extra, extraLength, needSize, needCompressed,
                                           needOffset);
                !s)
                return Error(s.error().message, where());
        // A stored entry is its bytes: two sizes would let a reader of ranges
        // (tensor data) read past the entry's own data.
        if (entry.isStored() && entry.compressedSize != entry.size)
            return Error(storedSizesMessage(entry), where());
        if (entry.localHeaderOffset > dir.offset - kLocalHeaderSize)
            return Error(QStringLiteral("its local header would lie at byte %1, past the entries' "
                                        "data")
                             .arg(entry.localHeaderOffset),
                         where());
        if (entry.compressedSize > dir.offset - entry.localHeaderOffset)
            return Error(QStringLiteral("its %1 bytes of data would reach into the central "
                                        "directory")
                             .arg(entry.compressedSize),
                         where());
        entries.push_back(std::move(entry));
    }
    return entries;
}

QString storedSizesMessage(const ZipEntry& entry) {
    return QStringLiteral("the entry declares %1 bytes stored as %2, which no zip writer "
                          "produces; the file is damaged")
        .arg(entry.size)
        .arg(entry.compressedSize);
}

Result<qint64> zipDataOffset(QIODevice& file, const ZipEntry& entry, qint64 fileSize) {
    QByteArray header;
    if (file.seek(entry.localHeaderOffset))
        header = file.read(kLocalHeaderSize);
    const char* h = header.constData();
    if (header.size() < kLocalHeaderSize || le(h, 4) != kLocalSignature)
        return Error(QStringLiteral("no local header where the central directory says the entry "
                                    "starts (byte %1)")
                         .arg(entry.localHeaderOffset));
    const qint64 nameLength = static_cast<qint64>(le(h + 26, 2));
    const qint64 extraLength = static_cast<qint64>(le(h + 28, 2));
    // The local header names the entry too: an archive whose two names
    // disagree would let two readers see two different files.
    const QByteArray name = file.read(nameLength);
    if (name.size() < nameLength || QString::fromUtf8(name) != entry.name)
        return Error(QStringLiteral("the local header names another entry than the central "
                                    "directory (the archive is damaged or forged)"));
    const qint64 data = entry.localHeaderOffset + kLocalHeaderSize + nameLength + extraLength;
    if (data > fileSize || entry.compressedSize > fileSize - data)
        return Error(QStringLiteral("the entry's data would run past the end of the file"));
    return data;
}

} // namespace ds::pt
