#pragma once

#include "Result.h"
#include "ZipDirectory.h"

#include <QByteArray>
#include <QFile>
#include <QHash>
#include <QString>

#include <memory>
#include <mutex>
#include <vector>

namespace ds::pt {

// A read-only view of a zip archive (ZIP64 included). Opening reads the
// central directory only and refuses archives that are damaged, have more
// entries than any torch file, duplicate names, or names that try to leave
// the archive ("../x", "/etc/x", "C:x"). Reading an entry checks its local
// header against the directory, then its CRC. Nothing is ever extracted or
// written.
//
// Its own reader rather than libzip's: a torch file of 100,000 tensors has
// 100,000 entries, and libzip's open (which also converts every entry's DOS
// date) took a sixth of `dimstudio spec` on it; this one reads what torch
// files need and checks the rest.
class ZipArchive {
public:
    static constexpr qint64 kMaxEntries = 1'000'000;

    static Result<std::unique_ptr<ZipArchive>> open(const QString& path);
    ZipArchive(const ZipArchive&) = delete;
    ZipArchive& operator=(const ZipArchive&) = delete;

    const QString& path() const { return m_path; }
    const std::vector<ZipEntry>& entries() const { return m_entries; }
    const ZipEntry* find(const QString& name) const;

    // The whole entry, stored or deflated. Refused before any inflating when
    // it declares more than `limit` bytes or inflates more than 1000-fold past
    // 1 MiB (a deflate bomb); never returns more than the declared size.
    Result<QByteArray> read(const ZipEntry& entry, qint64 limit) const;
    // Bytes [offset, offset + length) of a stored (uncompressed) entry, reading
    // nothing else.
    Result<QByteArray> readRange(const ZipEntry& entry, qint64 offset, qint64 length) const;

private:
    ZipArchive() = default;
    Error entryError(const ZipEntry& entry, const QString& message) const;
    // Where the entry's data starts, from its local header; the caller holds m_mutex.
    Result<qint64> dataOffset(const ZipEntry& entry) const;
    Result<QByteArray> readBytes(const ZipEntry& entry, qint64 offset, qint64 length) const;

    QString m_path;
    qint64 m_size = 0;
    std::vector<ZipEntry> m_entries;
    QHash<QString, int> m_byName;
    mutable QFile m_file;
    mutable std::mutex m_mutex; // one file position, shared by all readers
};

// True for names a zip must not carry: absolute, drive-relative, with "..",
// backslashes or control characters.
bool isUnsafeZipName(const QString& name);

} // namespace ds::pt
