#include "FileHead.h"

#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

namespace ds::formats {

bool FileHead::isText() const {
    for (char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 && c != '\t' && c != '\n' && c != '\r')
            return false;
        if (u == 0x7f)
            return false;
    }
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
