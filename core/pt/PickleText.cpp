#include "PickleText.h"

#include "text/PythonRepr.h"

#include <limits>

namespace ds::pt {

ParsedInt parseDecimalInt(const QByteArray& text) {
    const QByteArray t = text.trimmed();
    int i = 0;
    bool negative = false;
    if (i < t.size() && (t[i] == '-' || t[i] == '+'))
        negative = t[i++] == '-';
    if (i >= t.size())
        return {};
    // Accumulate as a negative number: its range includes INT64_MIN.
    qint64 acc = 0;
    bool fits = true;
    for (; i < t.size(); ++i) {
        const char c = t[i];
        if (c < '0' || c > '9')
            return {};
        const int digit = c - '0';
        if (fits) {
            if (acc < (std::numeric_limits<qint64>::min() + digit) / 10)
                fits = false;
            else
                acc = acc * 10 - digit;
        }
    }
    ParsedInt out;
    out.valid = true;
    if (!fits)
        return out;
    if (!negative) {
        if (acc == std::numeric_limits<qint64>::min())
            return out;
        acc = -acc;
    }
    out.value = acc;
    return out;
}

std::optional<quint64> parseDecimalUInt(const QByteArray& text) {
    bool ok = false;
    const quint64 v = text.trimmed().toULongLong(&ok, 10);
    if (!ok)
        return std::nullopt;
    return v;
}

std::optional<qint64> littleEndianTwosComplement(const char* bytes, qint64 length) {
    if (length == 0)
        return 0;
    const auto byteAt = [&](qint64 i) { return static_cast<quint8>(bytes[i]); };
    const bool negative = (byteAt(length - 1) & 0x80) != 0;
    const quint8 fill = negative ? 0xff : 0x00;
    // Bytes beyond the 8th must only repeat the sign, and the 8th must agree with it.
    for (qint64 i = 8; i < length; ++i)
        if (byteAt(i) != fill)
            return std::nullopt;
    if (length > 8 && ((byteAt(7) & 0x80) != 0) != negative)
        return std::nullopt;
    quint64 bits = negative ? ~quint64(0) : 0;
    const qint64 n = qMin<qint64>(length, 8);
    for (qint64 i = 0; i < n; ++i) {
        bits &= ~(quint64(0xff) << (8 * i));
        bits |= quint64(byteAt(i)) << (8 * i);
    }
    return static_cast<qint64>(bits);
}

std::optional<double> parsePythonFloat(const QByteArray& text) {
    const QByteArray t = text.trimmed().toLower();
    if (t == "inf" || t == "+inf" || t == "infinity")
        return std::numeric_limits<double>::infinity();
    if (t == "-inf" || t == "-infinity")
        return -std::numeric_limits<double>::infinity();
    if (t == "nan" || t == "+nan" || t == "-nan")
        return std::numeric_limits<double>::quiet_NaN();
    bool ok = false;
    const double v = t.toDouble(&ok);
    if (!ok)
        return std::nullopt;
    return v;
}

namespace {

int hexValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

std::optional<QString> decodeQuotedString(const QByteArray& literal) {
    if (literal.size() < 2)
        return std::nullopt;
    const char quote = literal.front();
    if ((quote != '\'' && quote != '"') || literal.back() != quote)
        return std::nullopt;
    const QByteArray body = literal.mid(1, literal.size() - 2);
    QByteArray out;
    out.reserve(body.size());
    for (int i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (c != '\\' || i + 1 >= body.size()) {
            out.append(c);
            continue;
        }
        const char e = body[++i];
        switch (e) {
        case 'n':
            out.append('\n');
            break;
        case 't':
            out.append('\t');
            break;
        case 'r':
            out.append('\r');
            break;
        case 'a':
            out.append('\a');
            break;
        case 'b':
            out.append('\b');
            break;
        case 'f':
            out.append('\f');
            break;
        case 'v':
            out.append('\v');
            break;
        case '\\':
            out.append('\\');
            break;
        case '\'':
            out.append('\'');
            break;
        case '"':
            out.append('"');
            break;
        case '\n':
            break;
        case 'x': {
            const int hi = i + 1 < body.size() ? hexValue(body[i + 1]) : -1;
            const int lo = i + 2 < body.size() ? hexValue(body[i + 2]) : -1;
            if (hi < 0 || lo < 0)
                return std::nullopt;
            out.append(static_cast<char>(hi * 16 + lo));
            i += 2;
            break;
        }
        default:
            if (e >= '0' && e <= '7') {
                int v = e - '0';
                for (int k = 0;
                     k < 2 && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '7'; ++k)
                    v = v * 8 + (body[++i] - '0');
                out.append(static_cast<char>(v & 0xff));
            } else {
                out.append('\\');
                out.append(e);
            }
        }
    }
    return QString::fromUtf8(out);
}

QString decodeRawUnicodeEscape(const QByteArray& text) {
    QString out;
    out.reserve(text.size());
    for (int i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const int width = (c == '\\' && i + 1 < text.size())
                              ? (text[i + 1] == 'u' ? 4 : (text[i + 1] == 'U' ? 8 : 0))
                              : 0;
        if (width > 0 && i + 2 + width <= text.size()) {
            char32_t code = 0;
            bool ok = true;
            for (int k = 0; k < width; ++k) {
                const int h = hexValue(text[i + 2 + k]);
                ok = ok && h >= 0;
                code = code * 16 + static_cast<char32_t>(qMax(h, 0));
            }
            if (ok && code <= 0x10ffff) {
                out.append(QString::fromUcs4(&code, 1));
                i += 1 + width;
                continue;
            }
        }
        out.append(QChar(static_cast<uchar>(c)));
    }
    return out;
}

bool isValidGlobalPart(const QString& part, qint64 maxLength) {
    if (part.isEmpty() || part.size() > maxLength)
        return false;
    bool previousDot = true; // no leading dot, no empty component
    for (const QChar ch : part) {
        if (ch == QLatin1Char('.')) {
            if (previousDot)
                return false;
            previousDot = true;
            continue;
        }
        if (!(ch.isLetterOrNumber() || ch == QLatin1Char('_')))
            return false;
        previousDot = false;
    }
    return !previousDot;
}

QString canonicalGlobalName(const QString& module, const QString& name) {
    QString m = module;
    if (m == QLatin1String("__builtin__") || m == QLatin1String("exceptions"))
        m = QStringLiteral("builtins");
    else if (m == QLatin1String("copy_reg"))
        m = QStringLiteral("copyreg");
    return m + QLatin1Char('.') + name;
}

namespace {

QString describeKey(const InputValue& key, int depth);

QString describeTuple(const InputValue& key, int depth) {
    // Keys only need to be told apart by a reader: a few levels and items do.
    if (depth > 4)
        return QStringLiteral("(...)");
    QStringList parts;
    const int shown = qMin(key.size(), 8);
    for (int i = 0; i < shown; ++i)
        parts << (key.at(i) ? describeKey(*key.at(i), depth + 1) : QStringLiteral("?"));
    if (shown < key.size())
        parts << QStringLiteral("...");
    return QStringLiteral("(%1%2)").arg(parts.join(QStringLiteral(", ")),
                                        parts.size() == 1 ? QStringLiteral(",") : QString());
}

QString describeKey(const InputValue& key, int depth) {
    switch (key.kind()) {
    case ValueKind::None:
        return QStringLiteral("None");
    case ValueKind::Bool:
        return key.scalar().isValid()
                   ? (key.scalar().toBool() ? QStringLiteral("True") : QStringLiteral("False"))
                   : QStringLiteral("bool");
    case ValueKind::Float:
        return key.scalar().isValid() ? text::pythonFloatRepr(key.scalar().toDouble())
                                      : QStringLiteral("float");
    case ValueKind::Int:
        return key.scalar().isValid() ? QString::number(key.scalar().toLongLong())
                                      : QStringLiteral("int");
    case ValueKind::Global:
    case ValueKind::Object:
        return key.className();
    case ValueKind::Tuple:
        return describeTuple(key, depth);
    case ValueKind::Str:
        return key.scalar().toString();
    default:
        return kindName(key.kind());
    }
}

} // namespace

QString describeKeyValue(const InputValue& key) {
    return describeKey(key, 0);
}

} // namespace ds::pt
