#include "PrettyPrinter.h"

#include "PythonRepr.h"

#include <QRegularExpression>

#include <algorithm>

namespace ds::text {

namespace {

// Python counts code points, QString counts UTF-16 units.
int pyLen(const QString& s) {
    int n = s.size();
    for (QChar c : s)
        if (c.isLowSurrogate())
            --n;
    return n;
}

bool hasSurrogates(const QString& s) {
    for (QChar c : s)
        if (c.isSurrogate())
            return true;
    return false;
}

// Python orders str by code point; UTF-16 order differs only around surrogates.
bool codePointLess(const QString& a, const QString& b) {
    if (!hasSurrogates(a) && !hasSurrogates(b))
        return QString::compare(a, b, Qt::CaseSensitive) < 0;
    return a.toUcs4() < b.toUcs4();
}

// Item (dict: value) i of `v`: a reference into `v`, or into `made` when `v`
// makes its items on demand (PyValue::lazySequence, lazyDict).
const PyValue& itemOf(const PyValue& v, int i, PyValue::Ptr& made) {
    if (!v.isLazy())
        return *v.items()[static_cast<size_t>(i)];
    made = v.itemAt(i);
    return *made;
}

// Length of the one-line repr, or anything above `limit` once it is known to
// exceed it: pprint only asks "does it fit?", and big specs must not build
// megabytes of text to learn that they do not.
int reprLengthUpTo(const PyValue& v, int limit) {
    switch (v.kind()) {
    case PyValue::Kind::List:
    case PyValue::Kind::Tuple:
    case PyValue::Kind::Dict: {
        const bool oneTuple = v.kind() == PyValue::Kind::Tuple && v.size() == 1;
        int length = 2 + (oneTuple ? 1 : 0) + std::max(0, v.size() - 1) * 2;
        for (int i = 0; i < v.size() && length <= limit; ++i) {
            PyValue::Ptr made;
            length += reprLengthUpTo(itemOf(v, i, made), limit - length + 1);
            if (v.kind() == PyValue::Kind::Dict)
                length += 2 + reprLengthUpTo(*v.keys()[static_cast<size_t>(i)], limit - length + 1);
        }
        return length;
    }
    case PyValue::Kind::Int:
        if (!v.isBigInteger()) { // digits and sign, without building the text
            char digits[20];
            return writeDecimal(v.intValue(), digits);
        }
        return pyLen(v.repr());
    case PyValue::Kind::Str:
        if (isPlainReprText(v.text()))
            return static_cast<int>(v.text().size()) + 2;
        return pyLen(v.repr());
    default:
        return pyLen(v.repr());
    }
}

// pprint's _safe_key: same-type keys compare naturally; otherwise by type name
// ("<class 'int'>" sorts before "<class 'str'>").
bool keyLess(const PyValue& a, const PyValue& b) {
    const bool aNum = a.kind() == PyValue::Kind::Int || a.kind() == PyValue::Kind::Bool;
    const bool bNum = b.kind() == PyValue::Kind::Int || b.kind() == PyValue::Kind::Bool;
    if (aNum && bNum)
        return a.intValue() < b.intValue();
    if (a.kind() == PyValue::Kind::Str && b.kind() == PyValue::Kind::Str)
        return codePointLess(a.text(), b.text());
    auto typeName = [](const PyValue& v) {
        switch (v.kind()) {
        case PyValue::Kind::Int:
            return QStringLiteral("<class 'int'>");
        case PyValue::Kind::Bool:
            return QStringLiteral("<class 'bool'>");
        case PyValue::Kind::Str:
            return QStringLiteral("<class 'str'>");
        case PyValue::Kind::None:
            return QStringLiteral("<class 'NoneType'>");
        case PyValue::Kind::Tuple:
            return QStringLiteral("<class 'tuple'>");
        default:
            return QStringLiteral("<class 'object'>");
        }
    };
    return typeName(a) < typeName(b);
}

// Specs' dicts ({0: ..., 1: ...}) are mostly in order already.
bool keysInOrder(const PyValue& dict) {
    const auto& keys = dict.keys();
    for (size_t i = 1; i < keys.size(); ++i)
        if (keyLess(*keys[i], *keys[i - 1]))
            return false;
    return true;
}

// The dict's entries as pprint orders them: by key, equal keys kept in place.
std::vector<size_t> sortedKeyOrder(const PyValue& dict) {
    std::vector<size_t> order(dict.keys().size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    if (!keysInOrder(dict))
        std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
            return keyLess(*dict.keys()[a], *dict.keys()[b]);
        });
    return order;
}

// pythonSortedRepr, appended to `out`: a spec of 100,000 tensors is millions
// of small pieces, which must not each become a string of their own.
void appendSortedRepr(QString& out, const PyValue& v) {
    switch (v.kind()) {
    case PyValue::Kind::List:
    case PyValue::Kind::Tuple: {
        const bool list = v.kind() == PyValue::Kind::List;
        out += list ? QLatin1Char('[') : QLatin1Char('(');
        for (int i = 0; i < v.size(); ++i) {
            if (i > 0)
                out += QLatin1String(", ");
            PyValue::Ptr made;
            appendSortedRepr(out, itemOf(v, i, made));
        }
        if (!list && v.size() == 1)
            out += QLatin1Char(',');
        out += list ? QLatin1Char(']') : QLatin1Char(')');
        return;
    }
    case PyValue::Kind::Dict: {
        out += QLatin1Char('{');
        const auto entry = [&](size_t i, bool first) {
            if (!first)
                out += QLatin1String(", ");
            appendSortedRepr(out, *v.keys()[i]);
            out += QLatin1String(": ");
            PyValue::Ptr made;
            appendSortedRepr(out, itemOf(v, static_cast<int>(i), made));
        };
        if (keysInOrder(v)) { // no order to build: one tensor's dims, 100,000 times
            for (size_t i = 0; i < v.keys().size(); ++i)
                entry(i, i == 0);
        } else {
            const std::vector<size_t> order = sortedKeyOrder(v);
            for (size_t n = 0; n < order.size(); ++n)
                entry(order[n], n == 0);
        }
        out += QLatin1Char('}');
        return;
    }
    case PyValue::Kind::Str:
        appendPythonStringRepr(out, v.text());
        return;
    case PyValue::Kind::Int:
        if (!v.isBigInteger()) {
            // Decimal digits into a small buffer: no string per number.
            char digits[20];
            out += QLatin1String(digits, writeDecimal(v.intValue(), digits));
            return;
        }
        out += v.repr();
        return;
    default:
        out += v.repr();
    }
}

class Printer {
public:
    explicit Printer(int width) : m_width(width) {}

    QString run(const PyValue& v, int indent) {
        format(v, indent, 0, 0);
        return m_out;
    }

private:
    void format(const PyValue& v, int indent, int allowance, int level) {
        const int maxWidth = m_width - indent - allowance;
        if (reprLengthUpTo(v, maxWidth) > maxWidth) {
            switch (v.kind()) {
            case PyValue::Kind::Dict:
                return printDict(v, indent, allowance, level + 1);
            case PyValue::Kind::List:
                return printSequence(v, QStringLiteral("["), QStringLiteral("]"), indent, allowance,
                                     level + 1);
            case PyValue::Kind::Tuple:
                return printSequence(v, QStringLiteral("("),
                                     v.size() == 1 ? QStringLiteral(",)") : QStringLiteral(")"),
                                     indent, allowance, level + 1);
            case PyValue::Kind::Str:
                return printString(v.text(), indent, allowance, level + 1);
            default:
                break;
            }
        }
        appendSortedRepr(m_out, v);
    }

    void printDict(const PyValue& v, int indent, int allowance, int level) {
        m_out += QLatin1Char('{');
        if (v.size() > 0) {
            const std::vector<size_t> order = sortedKeyOrder(v);
            const int itemIndent = indent + 1;
            const QString delimiter = QStringLiteral(",\n") + QString(itemIndent, QLatin1Char(' '));
            for (size_t i = 0; i < order.size(); ++i) {
                const bool last = i + 1 == order.size();
                const QString keyRep = pythonSortedRepr(*v.keys()[order[i]]);
                m_out += keyRep;
                m_out += QStringLiteral(": ");
                PyValue::Ptr made;
                format(itemOf(v, static_cast<int>(order[i]), made), itemIndent + pyLen(keyRep) + 2,
                       last ? allowance + 1 : 1, level);
                if (!last)
                    m_out += delimiter;
            }
        }
        m_out += QLatin1Char('}');
    }

    void printSequence(const PyValue& v, const QString& open, const QString& close, int indent,
                       int allowance, int level) {
        m_out += open;
        const int itemIndent = indent + 1;
        const int itemAllowance = allowance + pyLen(close);
        const QString delimiter = QStringLiteral(",\n") + QString(itemIndent, QLatin1Char(' '));
        for (int i = 0; i < v.size(); ++i) {
            const bool last = i + 1 == v.size();
            if (i > 0)
                m_out += delimiter;
            PyValue::Ptr made;
            format(itemOf(v, i, made), itemIndent, last ? itemAllowance : 1, level);
        }
        m_out += close;
    }

    // pprint's _pprint_str: split on line ends, then between words, so that
    // each piece's repr fits; pieces are juxtaposed string literals.
    void printString(const QString& s, int indent, int allowance, int level) {
        if (s.isEmpty()) {
            m_out += pythonStringRepr(s);
            return;
        }
        QStringList chunks;
        const QStringList lines = splitLinesKeepEnds(s);
        if (level == 1) {
            indent += 1;
            allowance += 1;
        }
        int maxWidth1 = m_width - indent;
        const int maxWidth = maxWidth1;
        QString rep;
        for (int i = 0; i < lines.size(); ++i) {
            const QString& line = lines[i];
            rep = pythonStringRepr(line);
            const bool lastLine = i == lines.size() - 1;
            if (lastLine)
                maxWidth1 -= allowance;
            if (pyLen(rep) <= maxWidth1) {
                chunks << rep;
                continue;
            }
            static const QRegularExpression wordAndSpace(QStringLiteral("\\S*\\s*"));
            QStringList parts;
            auto it = wordAndSpace.globalMatch(line);
            while (it.hasNext()) {
                const QString part = it.next().captured(0);
                if (!part.isEmpty())
                    parts << part;
            }
            int maxWidth2 = maxWidth;
            QString current;
            for (int j = 0; j < parts.size(); ++j) {
                const QString candidate = current + parts[j];
                if (j == parts.size() - 1 && lastLine)
                    maxWidth2 -= allowance;
                if (pyLen(pythonStringRepr(candidate)) > maxWidth2) {
                    if (!current.isEmpty())
                        chunks << pythonStringRepr(current);
                    current = parts[j];
                } else {
                    current = candidate;
                }
            }
            if (!current.isEmpty())
                chunks << pythonStringRepr(current);
        }
        if (chunks.size() == 1) {
            m_out += rep;
            return;
        }
        if (level == 1)
            m_out += QLatin1Char('(');
        for (int i = 0; i < chunks.size(); ++i) {
            if (i > 0)
                m_out += QLatin1Char('\n') + QString(indent, QLatin1Char(' '));
            m_out += chunks[i];
        }
        if (level == 1)
            m_out += QLatin1Char(')');
    }

    // str.splitlines(True): the line boundaries Python recognises, kept.
    static QStringList splitLinesKeepEnds(const QString& s) {
        QStringList lines;
        int start = 0;
        const int n = s.size();
        for (int i = 0; i < n; ++i) {
            const ushort c = s[i].unicode();
            const bool boundary = c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x1c ||
                                  c == 0x1d || c == 0x1e || c == 0x85 || c == 0x2028 || c == 0x2029;
            if (!boundary)
                continue;
            if (c == '\r' && i + 1 < n && s[i + 1] == QLatin1Char('\n'))
                ++i;
            lines << s.mid(start, i + 1 - start);
            start = i + 1;
        }
        if (start < n)
            lines << s.mid(start);
        return lines;
    }

    int m_width;
    QString m_out;
};

} // namespace

QString pythonSortedRepr(const PyValue& v) {
    QString out;
    appendSortedRepr(out, v);
    return out;
}

QString pythonPformat(const PyValue& value, int width, int indent) {
    return Printer(width).run(value, indent);
}

} // namespace ds::text
