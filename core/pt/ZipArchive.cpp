#include "ZipArchive.h"

#include <zlib.h>

#include <limits>

namespace ds::pt {

namespace {

constexpr int kDeflated = 8;

quint32 crcOf(const QByteArray& data) {
    uLong crc = crc32(0L, Z_NULL, 0);
    const auto* p = reinterpret_cast<const Bytef*>(data.constData());
    qint64 left = data.size();
    // crc32() takes a uInt length: feed large entries in pieces.
    while (left > 0) {
        const uInt piece = static_cast<uInt>(qMin<qint64>(left, 1 << 30));
        crc = crc32(crc, p, piece);
        p += piece;
        left -= piece;
    }
    return static_cast<quint32>(crc);
}

// Raw deflate (no zlib header, as zip stores it) into exactly `size` bytes.
Result<QByteArray> inflateExactly(const QByteArray& compressed, qint64 size) {
    constexpr qint64 kMaxChunk = std::numeric_limits<uInt>::max();
    if (compressed.size() > kMaxChunk || size > kMaxChunk)
        return Error(QStringLiteral("the entry is too large to inflate in one piece"));
    QByteArray out(static_cast<qsizetype>(size), Qt::Uninitialized);
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
        return Error(QStringLiteral("cannot start inflating"));
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.constData()));
    z.avail_in = static_cast<uInt>(compressed.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(size);
    // All input and all room at once: one call inflates as far as it can.
    const int status = inflate(&z, Z_NO_FLUSH);
    const qint64 produced = static_cast<qint64>(z.total_out);
    const bool full = z.avail_out == 0;
    const QString zlibMessage = z.msg ? QString::fromLatin1(z.msg) : QStringLiteral("bad data");
    inflateEnd(&z);
    if (status == Z_STREAM_END && produced == size)
        return out;
    if (status == Z_OK && full)
        return Error(QStringLiteral("the entry holds more than its declared %1 bytes").arg(size));
    if (status == Z_OK || status == Z_BUF_ERROR || status == Z_STREAM_END)
        return Error(
            QStringLiteral("the entry ends after %1 of its %2 bytes").arg(produced).arg(size));
    return Error(QStringLiteral("the entry is damaged: %1").arg(zlibMessage));
}

} // namespace

bool isUnsafeZipName(const QString& name) {
    if (name.isEmpty() || name.startsWith(QLatin1Char('/')) || name.contains(QLatin1Char('\\')))
        return true;
    if (name.size() >= 2 && name[1] == QLatin1Char(':'))
        return true;
    for (QChar c : name)
        if (c.unicode() < 0x20)
            return true;
    // A ".." component; scanned in place, as this runs once per entry
    // (100,000 of them in a big file).
    const QLatin1String dots("..");
    for (qsizetype at = name.indexOf(dots); at >= 0; at = name.indexOf(dots, at + 1)) {
        const bool starts = at == 0 || name[at - 1] == QLatin1Char('/');
        const bool ends = at + 2 == name.size() || name[at + 2] == QLatin1Char('/');
        if (starts && ends)
            return true;
    }
    return false;
}

Result<std::unique_ptr<ZipArchive>> ZipArchive::open(const QString& path) {
    std::unique_ptr<ZipArchive> archive(new ZipArchive);
    archive->m_path = path;
    archive->m_file.setFileName(path);
    if (!archive->m_file.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("cannot open the file: %1").arg(archive->m_file.errorString()),
                     QString(), path);
    archive->m_size = archive->m_file.size();
    auto entries = readZipDirectory(archive->m_file, archive->m_size, kMaxEntries);
    if (!entries)
        return entries.error().withFile(path);
    archive->m_entries = std::move(entries).value();
    archive->m_byName.reserve(static_cast<qsizetype>(archive->m_entries.size()));
    for (size_t i = 0; i < archive->m_entries.size(); ++i) {
        const ZipEntry& entry = archive->m_entries[i];
        if (isUnsafeZipName(entry.name))
            return Error(QStringLiteral("unsafe entry name \"%1\" in the archive (an absolute "
                                        "path, '..' or a control character); refused")
                             .arg(entry.name.left(200)),
                         QStringLiteral("entry %1").arg(i), path);
        const qsizetype before = archive->m_byName.size();
        int& slot = archive->m_byName[entry.name]; // one lookup: inserts when new
        if (archive->m_byName.size() == before)
            return Error(QStringLiteral("duplicate entry name \"%1\" in the archive (which one "
                                        "would be read is ambiguous); refused")
                             .arg(entry.name),
                         QStringLiteral("entry %1").arg(i), path);
        slot = static_cast<int>(i);
    }
    return archive;
}

const ZipEntry* ZipArchive::find(const QString& name) const {
    const auto it = m_byName.constFind(name);
    return it == m_byName.constEnd() ? nullptr : &m_entries[static_cast<size_t>(it.value())];
}

Error ZipArchive::entryError(const ZipEntry& entry, const QString& message) const {
    return Error(message, QStringLiteral("entry %1").arg(entry.name), m_path);
}

Result<qint64> ZipArchive::dataOffset(const ZipEntry& entry) const {
    auto offset = zipDataOffset(m_file, entry, m_size);
    if (!offset)
        return entryError(entry, offset.error().message);
    return offset;
}

Result<QByteArray> ZipArchive::readBytes(const ZipEntry& entry, qint64 offset,
                                         qint64 length) const {
    if (!m_file.seek(offset))
        return entryError(entry, QStringLiteral("cannot seek to byte %1").arg(offset));
    QByteArray data(static_cast<qsizetype>(length), Qt::Uninitialized);
    if (m_file.read(data.data(), length) != length)
        return entryError(entry, QStringLiteral("the entry ends early or cannot be read"));
    return data;
}

Result<QByteArray> ZipArchive::read(const ZipEntry& entry, qint64 limit) const {
    if (entry.encrypted)
        return entryError(entry, QStringLiteral("the entry is encrypted"));
    if (entry.size > limit)
        return entryError(entry,
                          QStringLiteral("the entry declares %1 bytes, more than the limit of %2")
                              .arg(entry.size)
                              .arg(limit));
    constexpr qint64 kBombFloor = 1 << 20;
    if (!entry.isStored() && entry.size > kBombFloor &&
        entry.size / qMax<qint64>(entry.compressedSize, 1) > 1000)
        return entryError(entry, QStringLiteral("the entry inflates %1 bytes into %2 (a deflate "
                                                "bomb?); refused")
                                     .arg(entry.compressedSize)
                                     .arg(entry.size));
    if (entry.method != 0 && entry.method != kDeflated)
        return entryError(entry, QStringLiteral("the entry is compressed with method %1, which "
                                                "DimStudio does not read (only stored and "
                                                "deflated entries)")
                                     .arg(entry.method));
    // Deflate never grows data by more than a few bytes per 16 KiB block (a
    // stored entry's two sizes are equal: the directory refuses others).
    if (entry.compressedSize > entry.size + entry.size / 256 + 1024)
        return entryError(entry, storedSizesMessage(entry));
    std::lock_guard<std::mutex> lock(m_mutex);
    auto start = dataOffset(entry);
    if (!start)
        return start.error();
    auto raw = readBytes(entry, start.value(), entry.compressedSize);
    if (!raw)
        return raw.error();
    Result<QByteArray> data =
        entry.isStored() ? std::move(raw) : inflateExactly(raw.value(), entry.size);
    if (!data)
        return entryError(entry, data.error().message);
    if (crcOf(data.value()) != entry.crc32)
        return entryError(entry, QStringLiteral("the entry fails its CRC check: the file is "
                                                "damaged"));
    return data;
}

Result<QByteArray> ZipArchive::readRange(const ZipEntry& entry, qint64 offset,
                                         qint64 length) const {
    if (!entry.isStored())
        return entryError(entry, QStringLiteral("the entry is compressed or encrypted; only stored "
                                                "entries are read in place"));
    if (offset < 0 || length < 0 || offset > entry.size || length > entry.size - offset)
        return entryError(entry, QStringLiteral("bytes [%1, +%2) lie outside the entry's %3 bytes")
                                     .arg(offset)
                                     .arg(length)
                                     .arg(entry.size));
    std::lock_guard<std::mutex> lock(m_mutex);
    auto start = dataOffset(entry);
    if (!start)
        return start.error();
    return readBytes(entry, start.value() + offset, length);
}

} // namespace ds::pt
