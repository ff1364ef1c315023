#include "ZipArchive.h"

#include <QFile>

#include <zip.h>

#include <cstdlib>

namespace ds::pt {

namespace {

QString libzipMessage(int code) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    const QString text = QString::fromUtf8(zip_error_strerror(&error));
    zip_error_fini(&error);
    return text;
}

QString fileMessage(zip_file_t* file) {
    return QString::fromUtf8(zip_error_strerror(zip_file_get_error(file)));
}

struct ZipFileCloser {
    void operator()(zip_file_t* f) const {
        if (f)
            zip_fclose(f);
    }
};
using ZipFilePtr = std::unique_ptr<zip_file_t, ZipFileCloser>;

} // namespace

void keepLocalTimeZoneLoaded() {
    setenv("TZ", ":/etc/localtime", 0); // 0: a TZ the user set stays
}

bool isUnsafeZipName(const QByteArray& raw) {
    if (raw.isEmpty() || raw.startsWith('/') || raw.contains('\\'))
        return true;
    if (raw.size() >= 2 && raw[1] == ':')
        return true;
    for (char c : raw)
        if (static_cast<unsigned char>(c) < 0x20)
            return true;
    // A ".." component; scanned in place, as this runs once per entry
    // (100,000 of them in a big file).
    for (qsizetype at = raw.indexOf(".."); at >= 0; at = raw.indexOf("..", at + 1)) {
        const bool starts = at == 0 || raw[at - 1] == '/';
        const bool ends = at + 2 == raw.size() || raw[at + 2] == '/';
        if (starts && ends)
            return true;
    }
    return false;
}

ZipArchive::~ZipArchive() {
    if (m_zip)
        zip_discard(m_zip);
}

Result<std::unique_ptr<ZipArchive>> ZipArchive::open(const QString& path) {
    int code = 0;
    const QByteArray native = QFile::encodeName(path);
    zip_t* handle = zip_open(native.constData(), ZIP_RDONLY, &code);
    if (!handle && code == ZIP_ER_EXISTS)
        return Error(QStringLiteral("duplicate entry name in the archive (which one would be read "
                                    "is ambiguous); refused"),
                     QString(), path);
    if (!handle)
        return Error(QStringLiteral("not a readable zip archive (%1); the file may be truncated "
                                    "or damaged")
                         .arg(libzipMessage(code)),
                     QString(), path);
    std::unique_ptr<ZipArchive> archive(new ZipArchive);
    archive->m_zip = handle;
    archive->m_path = path;

    const zip_int64_t count = zip_get_num_entries(handle, 0);
    if (count < 0 || count > kMaxEntries)
        return Error(
            QStringLiteral("the archive lists %1 entries, more than any torch file").arg(count),
            QString(), path);
    archive->m_entries.reserve(static_cast<size_t>(count));
    archive->m_byName.reserve(static_cast<qsizetype>(count));
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(handle, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW, &st) != 0 ||
            !st.name)
            return Error(QStringLiteral("entry %1 of the archive cannot be read: %2")
                             .arg(i)
                             .arg(QString::fromUtf8(zip_strerror(handle))),
                         QString(), path);
        const QByteArray raw(st.name);
        if (isUnsafeZipName(raw))
            return Error(QStringLiteral("unsafe entry name \"%1\" in the archive (absolute path or "
                                        "'..'); refused")
                             .arg(QString::fromUtf8(raw.left(200))),
                         QStringLiteral("entry %1").arg(i), path);
        ZipEntry entry;
        entry.name = QString::fromUtf8(raw);
        entry.index = static_cast<quint64>(i);
        entry.size = (st.valid & ZIP_STAT_SIZE) ? static_cast<qint64>(st.size) : -1;
        entry.compressedSize =
            (st.valid & ZIP_STAT_COMP_SIZE) ? static_cast<qint64>(st.comp_size) : -1;
        entry.method = (st.valid & ZIP_STAT_COMP_METHOD) ? st.comp_method : -1;
        entry.encrypted =
            (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE;
        if (entry.size < 0 || entry.compressedSize < 0)
            return Error(QStringLiteral("entry \"%1\" has no valid size").arg(entry.name),
                         QString(), path);
        if (archive->m_byName.contains(entry.name))
            return Error(QStringLiteral("duplicate entry name \"%1\" in the archive (which one "
                                        "would be read is ambiguous); refused")
                             .arg(entry.name),
                         QStringLiteral("entry %1").arg(i), path);
        archive->m_byName.insert(entry.name, static_cast<int>(archive->m_entries.size()));
        archive->m_entries.push_back(entry);
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
    std::lock_guard<std::mutex> lock(m_mutex);
    ZipFilePtr file(zip_fopen_index(m_zip, entry.index, 0));
    if (!file)
        return entryError(entry, QStringLiteral("cannot open the entry: %1")
                                     .arg(QString::fromUtf8(zip_strerror(m_zip))));
    QByteArray data(static_cast<qsizetype>(entry.size), Qt::Uninitialized);
    qint64 done = 0;
    while (done < entry.size) {
        const zip_int64_t n =
            zip_fread(file.get(), data.data() + done, static_cast<zip_uint64_t>(entry.size - done));
        if (n < 0)
            return entryError(
                entry, QStringLiteral("the entry cannot be read: %1").arg(fileMessage(file.get())));
        if (n == 0)
            return entryError(entry, QStringLiteral("the entry ends after %1 of its %2 bytes")
                                         .arg(done)
                                         .arg(entry.size));
        done += n;
    }
    // One more read reaches the end of the entry, where libzip checks the CRC
    // (and where a stream longer than declared would show).
    char extra = 0;
    const zip_int64_t tail = zip_fread(file.get(), &extra, 1);
    if (tail < 0)
        return entryError(entry,
                          QStringLiteral("the entry is damaged: %1").arg(fileMessage(file.get())));
    if (tail > 0)
        return entryError(
            entry,
            QStringLiteral("the entry holds more than its declared %1 bytes").arg(entry.size));
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
    ZipFilePtr file(zip_fopen_index(m_zip, entry.index, 0));
    if (!file)
        return entryError(entry, QStringLiteral("cannot open the entry: %1")
                                     .arg(QString::fromUtf8(zip_strerror(m_zip))));
    if (offset > 0 && zip_fseek(file.get(), offset, SEEK_SET) != 0)
        return entryError(
            entry, QStringLiteral("cannot seek in the entry: %1").arg(fileMessage(file.get())));
    QByteArray data(static_cast<qsizetype>(length), Qt::Uninitialized);
    qint64 done = 0;
    while (done < length) {
        const zip_int64_t n =
            zip_fread(file.get(), data.data() + done, static_cast<zip_uint64_t>(length - done));
        if (n <= 0)
            return entryError(entry, QStringLiteral("the entry ends early or cannot be read"));
        done += n;
    }
    return data;
}

} // namespace ds::pt
