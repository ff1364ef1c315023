#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

#include <vector>

class QIODevice;

namespace ds::pt {

struct ZipEntry {
    QString name;
    qint64 size = 0; // uncompressed, as the central directory says
    qint64 compressedSize = 0;
    qint64 localHeaderOffset = 0;
    quint32 crc32 = 0;
    int method = 0; // 0 stored, 8 deflate, ...
    bool encrypted = false;
    bool isStored() const { return method == 0 && !encrypted; }
};

// The entries a zip's central directory lists (ZIP64 included), read from
// `file` of `fileSize` bytes: the end record is found in the last 64 KiB, the
// directory is read in one piece and parsed in place. Refuses archives split
// over several disks, directories or records that reach outside the file,
// and entry counts the end record and the directory disagree on. Names are
// checked by the caller (see ZipArchive); nothing is read from the entries.
// Errors say where: "central directory entry 12", "end of central directory".
Result<std::vector<ZipEntry>> readZipDirectory(QIODevice& file, qint64 fileSize, qint64 maxEntries);

// Where an entry's data starts: after its local header, read from `file`,
// whose signature and name are checked against the directory's.
Result<qint64> zipDataOffset(QIODevice& file, const ZipEntry& entry, qint64 fileSize);

// "the entry declares N bytes stored as M, which no zip writer produces; ...":
// sizes a stored entry cannot have, or a deflated one could not inflate from.
QString storedSizesMessage(const ZipEntry& entry);

} // namespace ds::pt
