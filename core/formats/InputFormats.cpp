#include "InputFormats.h"

#include "BuiltinFormats.h"
#include "MemoryCeiling.h"

#include <exception>
#include <new>

namespace ds::formats {

namespace {

// The readers allocate as they go; a file that makes one fail is reported,
// never let through to the caller as an exception.
template <typename Read> Result<LoadedInputs> guarded(const QString& origin, Read read) {
    try {
        return read();
    } catch (const std::bad_alloc&) {
        return Error(outOfMemoryMessage(QStringLiteral("while reading the file")),
                     QStringLiteral("the reader, before the file was read whole"), origin);
    } catch (const std::exception& e) {
        return Error(QStringLiteral("internal error while reading the file: %1")
                         .arg(QString::fromLocal8Bit(e.what())),
                     QString(), origin);
    }
}

Result<LoadedInputs> stamped(Result<LoadedInputs> loaded, const InputFormat& format,
                             const QString& origin) {
    if (!loaded)
        return loaded.error().withFile(origin);
    loaded.value().format = format.id();
    if (loaded.value().path.isEmpty())
        loaded.value().path = origin;
    return loaded;
}

Error notInputs(const FileHead& head) {
    if (const qint64 zip = zipInside(head); zip > 0)
        return zipAfterData(head, zip);
    QString message = QStringLiteral(
        "not a torch.save file (neither a zip archive nor a pickle), a type string or DimStudio "
        "JSON");
    const QByteArray start = head.firstText(24);
    if (!start.isEmpty())
        message +=
            QStringLiteral(": the text starts with %1").arg(QString::fromUtf8(start).simplified());
    return Error(message, QStringLiteral("byte 0"), head.path);
}

} // namespace

const std::vector<const InputFormat*>& inputFormats() {
    static const std::vector<const InputFormat*> formats = builtinFormats();
    return formats;
}

Result<LoadedInputs> openInputs(const QString& path) {
    auto head = readFileHead(path);
    if (!head)
        return head.error();
    if (head.value().size == 0)
        return Error(QStringLiteral("the file is empty: expected a torch.save file, a type string "
                                    "or DimStudio JSON"),
                     QStringLiteral("byte 0"), path);
    for (const InputFormat* format : inputFormats())
        if (format->claims(head.value()))
            return stamped(guarded(path, [&] { return format->read(head.value()); }), *format,
                           path);
    return notInputs(head.value());
}

Result<LoadedInputs> inputsFromText(const QString& text, const QString& origin) {
    const QByteArray bytes = text.toUtf8();
    if (bytes.trimmed().isEmpty())
        return Error(QStringLiteral("no inputs: the text is empty"), QString(), origin);
    FileHead head;
    head.path = origin;
    head.bytes = bytes.left(FileHead::kHeadBytes);
    head.size = bytes.size();
    const InputFormat* fallback = nullptr;
    for (const InputFormat* format : inputFormats()) {
        if (!format->readsText())
            continue;
        if (format->claims(head))
            return stamped(guarded(origin, [&] { return format->readText(bytes, origin); }),
                           *format, origin);
        fallback = format;
    }
    // Pasted text that no format claims is read as the last text format (the type string, the most
    // lenient), so that its error says where the text goes wrong.
    if (!fallback)
        return Error(QStringLiteral("no format reads text"), QString(), origin);
    return stamped(guarded(origin, [&] { return fallback->readText(bytes, origin); }), *fallback,
                   origin);
}

Result<LoadedInputs> InputFormat::readText(const QByteArray&, const QString& origin) const {
    return Error(QStringLiteral("%1 cannot be read from text").arg(id()), QString(), origin);
}

} // namespace ds::formats
