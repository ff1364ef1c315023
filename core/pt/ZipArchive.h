#pragma once

#include "Result.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <memory>
#include <mutex>
#include <vector>

struct zip;

namespace ds::pt {

struct ZipEntry {
    QString name;
    quint64 index = 0;
    qint64 size = 0; // uncompressed, as the central directory says
    qint64 compressedSize = 0;
    int method = 0; // 0 stored, 8 deflate, ...
    bool encrypted = false;
    bool isStored() const { return method == 0 && !encrypted; }
};

// A read-only view of a zip archive (ZIP64 included) through libzip. Opening
// lists the entries and refuses archives that are damaged, have more entries
// than any torch file, duplicate names, or names that try to leave the
// archive ("../x", "/etc/x", "C:x"). Nothing is ever extracted or written.
class ZipArchive {
public:
    static constexpr qint64 kMaxEntries = 1'000'000;

    static Result<std::unique_ptr<ZipArchive>> open(const QString& path);
    ~ZipArchive();
    ZipArchive(const ZipArchive&) = delete;
    ZipArchive& operator=(const ZipArchive&) = delete;

    const QString& path() const { return m_path; }
    const std::vector<ZipEntry>& entries() const { return m_entries; }
    const ZipEntry* find(const QString& name) const;

    // The whole entry. Refused before any inflating when it declares more
    // than `limit` bytes or inflates more than 1000-fold past 1 MiB (a deflate
    // bomb); never returns more than the declared size.
    Result<QByteArray> read(const ZipEntry& entry, qint64 limit) const;
    // Bytes [offset, offset + length) of a stored (uncompressed) entry, reading
    // nothing else.
    Result<QByteArray> readRange(const ZipEntry& entry, qint64 offset, qint64 length) const;

private:
    ZipArchive() = default;
    Error entryError(const ZipEntry& entry, const QString& message) const;

    struct zip* m_zip = nullptr;
    QString m_path;
    std::vector<ZipEntry> m_entries;
    QHash<QString, int> m_byName;
    mutable std::mutex m_mutex; // libzip handles are not thread-safe
};

// libzip turns every entry's DOS date into a time_t with mktime(), and glibc's
// mktime() stats /etc/localtime on each call while TZ is unset: a third of the
// time to open a torch file of 100,000 records. This sets TZ to what glibc
// uses by default (":/etc/localtime", which Qt also reads as "the system
// zone"), after which glibc keeps the zone it loaded. Call it at the start of
// main(), before any thread exists: setenv() is not thread-safe. Does nothing
// when TZ is set.
void keepLocalTimeZoneLoaded();

// True for names a zip must not carry: absolute, drive-relative, with "..",
// backslashes or control characters.
bool isUnsafeZipName(const QByteArray& rawName);

} // namespace ds::pt
