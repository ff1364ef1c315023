#include "FileHead.h"

#include <algorithm>

#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

namespace ds::formats {

qint64 firstBinaryByte(const QByteArray& bytes) {
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7f)
            return i;
    }
    return -1;
}

qint64 zipInside(const FileHead& head) {
    const qsizetype local = head.bytes.indexOf(QByteArrayLiteral("PK\x03\x04"));
    if (local > 0)
        return local;
    if (head.size <= head.bytes.size())
        return -1;
    QFile file(head.path);
    constexpr qint64 kTail = 65536 + 22; // the record and the longest comment
    const qint64 from = std::max(head.size - kTail, qint64(FileHead::kHeadBytes));
    if (!file.open(QIODevice::ReadOnly) || !file.seek(from))
        return -1;
    const qsizetype end = file.read(kTail).lastIndexOf(QByteArrayLiteral("PK\x05\x06"));
    return end < 0 ? -1 : from + end;
}

Error zipAfterData(const FileHead& head, qint64 zipOffset) {
    return Error(QStringLiteral("other data comes before a zip archive (a zip record at byte %1): "
                                "torch.load reads a torch.save file only when the archive starts "
                                "at the file's first byte")
                     .arg(zipOffset),
                 QStringLiteral("byte 0"), head.path);
}

bool FileHead::isText() const {
    if (firstBinaryByte(bytes) >= 0)
        return false;
    // The head may end inside a multi-byte sequence: only what precedes the
    // last few bytes has to decode.
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QByteArray whole = bytes.size() == size ? bytes : bytes.left(bytes.size() - 3);
    (void)utf8.decode(whole);
    return !utf8.hasError();
}

QByteArray FileHead::firstText(int length) const {
    if (!isText())
        return QByteArray();
    return bytes.trimmed().left(length);
}

Result<FileHead> readFileHead(const QString& path) {
    const QFileInfo info(path);
    if (!info.exists())
        return Error(QStringLiteral("no such file"), QString(), path);
    if (!info.isFile())
        return Error(QStringLiteral("not a file"), QString(), path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("cannot open: %1").arg(file.errorString()), QString(), path);
    FileHead head;
    head.path = path;
    head.size = file.size();
    head.bytes = file.read(FileHead::kHeadBytes);
    return head;
}

} // namespace ds::formats
