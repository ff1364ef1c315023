// The text formats: DimStudio's JSON description of inputs and the compact
// type string onnx-diagnostic prints. Both are also read from pasted text.
#include "BuiltinFormats.h"

#include "text/InputsJson.h"
#include "text/TypeString.h"

#include <QFile>
#include <QRegularExpression>

namespace ds::formats {

namespace {

// Type strings and JSON descriptions are small; anything bigger is not one.
constexpr qint64 kMaxTextInput = 64 * 1024 * 1024;

Result<QByteArray> readSmallText(const FileHead& head) {
    if (head.size > kMaxTextInput)
        return Error(QStringLiteral("too large for a type string or a JSON description (%1 bytes)")
                         .arg(head.size),
                     QString(), head.path);
    if (head.bytes.size() == head.size)
        return head.bytes;
    QFile file(head.path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("cannot open: %1").arg(file.errorString()), QString(),
                     head.path);
    return file.readAll();
}

// A format whose files are small texts: the file is read whole and read as
// the text a user could paste.
class TextFormat : public InputFormat {
public:
    Result<LoadedInputs> read(const FileHead& head) const override {
        auto bytes = readSmallText(head);
        if (!bytes)
            return bytes.error();
        // The head was text; the rest of the file may not be (text put before a zip).
        if (const qint64 binary = firstBinaryByte(bytes.value()); binary >= 0) {
            if (const qint64 zip = zipInside(head); zip > 0)
                return zipAfterData(head, zip);
            return Error(QStringLiteral("the text holds the binary byte 0x%1, which no type "
                                        "string or JSON holds")
                             .arg(static_cast<unsigned char>(bytes.value()[binary]), 2, 16,
                                  QLatin1Char('0')),
                         QStringLiteral("byte %1").arg(binary), head.path);
        }
        return readText(bytes.value(), head.path);
    }
    bool readsText() const override { return true; }

protected:
    static LoadedInputs loaded(InputValue::Ptr root, const QString& origin) {
        LoadedInputs inputs;
        inputs.root = std::move(root);
        inputs.path = origin;
        return inputs;
    }
};

class DimStudioJson final : public TextFormat {
public:
    QString id() const override { return QStringLiteral("dimstudio-json"); }
    // A JSON object starts with a quoted key; a type string's dict with int
    // keys ({3:T1s1}) or the empty dict ({}) does not.
    bool claims(const FileHead& head) const override {
        const QByteArray text = head.firstText(64);
        return text.startsWith('{') && text.mid(1).trimmed().startsWith('"');
    }
    Result<LoadedInputs> readText(const QByteArray& text, const QString& origin) const override {
        auto parsed = text::inputsFromJson(text);
        if (!parsed)
            return parsed.error().withFile(origin);
        return loaded(parsed.value(), origin);
    }
};

class TypeString final : public TextFormat {
public:
    QString id() const override { return QStringLiteral("type-string"); }
    // What a type string can start with: a tensor (T1s2x3), a long sequence
    // (#25[...]), a tuple, an int-keyed dict, dict(...), a class such as
    // DynamicCache(...), or a lone scalar. Plain prose does not.
    bool claims(const FileHead& head) const override {
        static const QRegularExpression start(QStringLiteral(
            R"re(^(T\d|#\d|\(|\{|[A-Za-z_][A-Za-z0-9_.]*\(|(None|bool|int|float|str)\s*($|[,)\]:])))re"));
        const QByteArray text = head.firstText(64);
        return !text.isEmpty() && start.match(QString::fromUtf8(text)).hasMatch();
    }
    Result<LoadedInputs> readText(const QByteArray& bytes, const QString& origin) const override {
        const QString line = QString::fromUtf8(bytes).trimmed();
        if (line.isEmpty())
            return Error(QStringLiteral("no type string: the text is empty"), QString(), origin);
        if (line.contains(QLatin1Char('\n')))
            return Error(QStringLiteral("a type string is one line; this text has several"),
                         QStringLiteral("line 2"), origin);
        auto parsed = text::parseTypeString(line);
        if (!parsed)
            return parsed.error().withFile(origin);
        return loaded(parsed.value(), origin);
    }
};

} // namespace

const InputFormat& dimStudioJsonFormat() {
    static const DimStudioJson format;
    return format;
}

const InputFormat& typeStringFormat() {
    static const TypeString format;
    return format;
}

} // namespace ds::formats
