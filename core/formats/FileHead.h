#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

namespace ds::formats {

// The first bytes of a file, read once per open: every format decides from
// them whether the file is its own (the extension never decides).
struct FileHead {
    QString path;     // as the user gave it; errors name it
    QByteArray bytes; // the first kHeadBytes bytes, or the whole file when shorter
    qint64 size = 0;  // of the whole file

    static constexpr int kHeadBytes = 4096;

    // The bytes decode as UTF-8 and hold no control character other than
    // tab, newline and carriage return: what a type string or JSON is made of.
    bool isText() const;
    // The first non-blank bytes of a text head ("" for binary).
    QByteArray firstText(int length) const;
};

// Where a zip archive starts inside a file that does not start with one
// (data prepended to a torch.save file): the first local header in the head,
// else the end-of-directory record among the file's last 64 KiB. -1 when
// neither is there. torch.load reads only archives that start at byte 0.
qint64 zipInside(const FileHead& head);

// The error for such a file: names the data before the archive.
Error zipAfterData(const FileHead& head, qint64 zipOffset);

// The first byte that no text holds (a control character other than tab and
// line breaks, or DEL), -1 when there is none.
qint64 firstBinaryByte(const QByteArray& bytes);

// Reads the head of `path`: "no such file" or "cannot open" when it cannot.
Result<FileHead> readFileHead(const QString& path);

} // namespace ds::formats
