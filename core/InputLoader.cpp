#include "InputLoader.h"

#include "text/InputsJson.h"
#include "text/TypeString.h"

#include <QFile>
#include <QFileInfo>

#include "pt/TorchFileReader.h"

namespace ds {

namespace {

// Type strings and JSON descriptions are small; anything bigger is not one.
constexpr qint64 kMaxTextInput = 64 * 1024 * 1024;

} // namespace

InputFileKind sniffInputFile(const QByteArray& head) {
    if (head.startsWith("PK\x03\x04") || head.startsWith("PK\x05\x06"))
        return InputFileKind::TorchZip;
    // Legacy torch.save starts with a pickle (PROTO opcode, any protocol) of the
    // magic number; no type string or JSON text starts with byte 0x80. The
    // reader checks the magic number itself and says so when it is wrong.
    if (head.startsWith('\x80'))
        return InputFileKind::TorchLegacy;
    const QByteArray text = head.trimmed();
    // JSON objects start with a quoted key; a type string's dict with int keys
    // ({3:T1s1}) or the empty dict ({}) does not.
    if (text.startsWith('{') && text.mid(1).trimmed().startsWith('"'))
        return InputFileKind::DimStudioJson;
    if (!text.isEmpty())
        return InputFileKind::TypeString;
    return InputFileKind::Unknown;
}

Result<LoadedInputs> loadInputsFromTypeString(const QString& text, const QString& origin) {
    const QString line = text.trimmed();
    if (line.isEmpty())
        return Error(QStringLiteral("no type string: the text is empty"), QString(), origin);
    if (line.contains(QLatin1Char('\n')))
        return Error(QStringLiteral("a type string is one line; this text has several"),
                     QStringLiteral("line 2"), origin);
    auto parsed = parseTypeString(line);
    if (!parsed)
        return parsed.error().withFile(origin);
    LoadedInputs loaded;
    loaded.root = parsed.value();
    loaded.path = origin;
    loaded.format = QStringLiteral("type-string");
    return loaded;
}

Result<LoadedInputs> loadInputs(const QString& path) {
    QFile file(path);
    if (!QFileInfo(path).isFile())
        return Error(QStringLiteral("no such file"), QString(), path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("cannot open: %1").arg(file.errorString()), QString(), path);
    const QByteArray head = file.peek(64);
    const InputFileKind kind = sniffInputFile(head);
    switch (kind) {
    case InputFileKind::TorchZip:
    case InputFileKind::TorchLegacy:
        file.close();
        return pt::readTorchFile(path);
    case InputFileKind::Unknown:
        return Error(QStringLiteral(
                         "empty file: expected a torch.save file, a type string or DimStudio JSON"),
                     QString(), path);
    default:
        break;
    }
    if (file.size() > kMaxTextInput)
        return Error(QStringLiteral("too large for a type string or a JSON description (%1 bytes)")
                         .arg(file.size()),
                     QString(), path);
    const QByteArray bytes = file.readAll();
    if (kind == InputFileKind::DimStudioJson) {
        auto parsed = inputsFromJson(bytes);
        if (!parsed)
            return parsed.error().withFile(path);
        LoadedInputs loaded;
        loaded.root = parsed.value();
        loaded.path = path;
        loaded.format = QStringLiteral("dimstudio-json");
        return loaded;
    }
    return loadInputsFromTypeString(QString::fromUtf8(bytes), path);
}

} // namespace ds
