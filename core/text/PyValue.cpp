#include "PyValue.h"

#include "PythonRepr.h"

#include <QList>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

namespace ds::text {

PyValue::Ptr PyValue::make(Kind k) {
    return std::make_shared<PyValue>(Token{}, k);
}

PyValue::Ptr PyValue::none() {
    return make(Kind::None);
}

PyValue::Ptr PyValue::boolean(bool v) {
    Ptr p = make(Kind::Bool);
    p->m_int = v ? 1 : 0;
    return p;
}

PyValue::Ptr PyValue::integer(qint64 v) {
    Ptr p = make(Kind::Int);
    p->m_int = v;
    return p;
}

PyValue::Ptr PyValue::bigInteger(const QString& digits) {
    Ptr p = make(Kind::Int);
    p->m_text = digits;
    p->m_int = digits.startsWith(QLatin1Char('-')) ? std::numeric_limits<qint64>::min()
                                                   : std::numeric_limits<qint64>::max();
    return p;
}

PyValue::Ptr PyValue::floating(double v) {
    Ptr p = make(Kind::Float);
    p->m_float = v;
    return p;
}

PyValue::Ptr PyValue::string(const QString& s) {
    Ptr p = make(Kind::Str);
    p->m_text = s;
    return p;
}

PyValue::Ptr PyValue::list(std::vector<Ptr> items) {
    Ptr p = make(Kind::List);
    p->m_items = std::move(items);
    return p;
}

PyValue::Ptr PyValue::tuple(std::vector<Ptr> items) {
    Ptr p = make(Kind::Tuple);
    p->m_items = std::move(items);
    return p;
}

PyValue::Ptr PyValue::dict() {
    return make(Kind::Dict);
}

PyValue::Ptr PyValue::lazySequence(Kind kind, int size, ItemMaker makeItem) {
    Ptr p = make(kind == Kind::Tuple ? Kind::Tuple : Kind::List);
    p->m_maker = std::make_unique<ItemMaker>(std::move(makeItem));
    p->m_lazySize = size;
    return p;
}

PyValue::Ptr PyValue::lazyDict(std::vector<Ptr> keys, ItemMaker makeValue) {
    Ptr p = make(Kind::Dict);
    p->m_lazySize = static_cast<int>(keys.size());
    p->m_keys = std::move(keys);
    p->m_maker = std::make_unique<ItemMaker>(std::move(makeValue));
    return p;
}

PyValue::Ptr PyValue::itemAt(int i) const {
    return m_maker ? (*m_maker)(i) : m_items[static_cast<size_t>(i)];
}

PyValue::Ptr PyValue::dim(const QString& name, std::optional<qint64> min,
                          std::optional<qint64> max) {
    Ptr p = make(Kind::Dim);
    p->m_text = name;
    p->m_min = min;
    p->m_max = max;
    return p;
}

PyValue::Ptr PyValue::dimHint(const QString& hint, std::optional<qint64> min,
                              std::optional<qint64> max, bool called) {
    Ptr p = make(Kind::DimHint);
    p->m_text = hint;
    p->m_min = min;
    p->m_max = max;
    p->m_called = called || min || max;
    return p;
}

PyValue::Ptr PyValue::derived(Ptr base, qint64 mul, qint64 add) {
    Ptr p = make(Kind::Derived);
    p->m_base = std::move(base);
    p->m_int = mul;
    p->m_add = add;
    return p;
}

PyValue::Ptr PyValue::name(const QString& identifier) {
    Ptr p = make(Kind::Name);
    p->m_text = identifier;
    return p;
}

void PyValue::insert(Ptr key, Ptr value) {
    for (size_t i = 0; i < m_keys.size(); ++i) {
        if (m_keys[i]->equals(*key)) {
            m_items[i] = std::move(value);
            return;
        }
    }
    m_keys.push_back(std::move(key));
    m_items.push_back(std::move(value));
}

PyValue::Ptr PyValue::valueForInt(qint64 key) const {
    for (size_t i = 0; i < m_keys.size(); ++i)
        if (m_keys[i]->kind() == Kind::Int && m_keys[i]->intValue() == key)
            return m_items[i];
    return nullptr;
}

PyValue::Ptr PyValue::valueForString(const QString& key) const {
    for (size_t i = 0; i < m_keys.size(); ++i)
        if (m_keys[i]->kind() == Kind::Str && m_keys[i]->text() == key)
            return m_items[i];
    return nullptr;
}

namespace {

QString boundsArguments(std::optional<qint64> min, std::optional<qint64> max) {
    QStringList parts;
    if (min)
        parts << QStringLiteral("min=%1").arg(*min);
    if (max)
        parts << QStringLiteral("max=%1").arg(*max);
    return parts.join(QStringLiteral(", "));
}

QString joinedReprs(const std::vector<PyValue::Ptr>& items) {
    QStringList parts;
    parts.reserve(static_cast<int>(items.size()));
    for (const auto& item : items)
        parts << item->repr();
    return parts.join(QStringLiteral(", "));
}

} // namespace

QString PyValue::repr() const {
    switch (m_kind) {
    case Kind::None:
        return QStringLiteral("None");
    case Kind::Bool:
        return m_int ? QStringLiteral("True") : QStringLiteral("False");
    case Kind::Int:
        return m_text.isEmpty() ? QString::number(m_int) : m_text;
    case Kind::Float:
        return pythonFloatRepr(m_float);
    case Kind::Str:
        return pythonStringRepr(m_text);
    case Kind::List:
        return QLatin1Char('[') + joinedReprs(m_items) + QLatin1Char(']');
    case Kind::Tuple:
        if (m_items.size() == 1)
            return QLatin1Char('(') + m_items[0]->repr() + QStringLiteral(",)");
        return QLatin1Char('(') + joinedReprs(m_items) + QLatin1Char(')');
    case Kind::Dict: {
        QStringList parts;
        for (size_t i = 0; i < m_keys.size(); ++i)
            parts << m_keys[i]->repr() + QStringLiteral(": ") + m_items[i]->repr();
        return QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
    }
    case Kind::Dim: {
        const QString bounds = boundsArguments(m_min, m_max);
        return QStringLiteral("Dim(%1%2)")
            .arg(pythonStringRepr(m_text), bounds.isEmpty() ? QString() : ", " + bounds);
    }
    case Kind::DimHint:
        if (m_called)
            return QStringLiteral("Dim.%1(%2)").arg(m_text, boundsArguments(m_min, m_max));
        return QStringLiteral("Dim.") + m_text;
    case Kind::Derived: {
        const QString base = m_base->kind() == Kind::Dim ? m_base->text() : m_base->repr();
        QString text = m_int == 1 ? base : QStringLiteral("%1*%2").arg(m_int).arg(base);
        if (m_add > 0)
            text += QStringLiteral(" + %1").arg(m_add);
        else if (m_add < 0)
            text += QStringLiteral(" - %1").arg(-m_add);
        return text;
    }
    case Kind::Name:
        return m_text;
    }
    return QString();
}

bool PyValue::equals(const PyValue& o) const {
    if (m_kind != o.m_kind)
        return false;
    switch (m_kind) {
    case Kind::None:
        return true;
    case Kind::Bool:
    case Kind::Int:
        return m_int == o.m_int && m_text == o.m_text;
    case Kind::Float:
        return m_float == o.m_float;
    case Kind::Str:
    case Kind::Name:
        return m_text == o.m_text;
    case Kind::Dim:
    case Kind::DimHint:
        return m_text == o.m_text && m_min == o.m_min && m_max == o.m_max && m_called == o.m_called;
    case Kind::Derived:
        return m_int == o.m_int && m_add == o.m_add && m_base->equals(*o.m_base);
    case Kind::List:
    case Kind::Tuple:
    case Kind::Dict:
        if (m_items.size() != o.m_items.size() || m_keys.size() != o.m_keys.size())
            return false;
        for (size_t i = 0; i < m_items.size(); ++i)
            if (!m_items[i]->equals(*o.m_items[i]))
                return false;
        for (size_t i = 0; i < m_keys.size(); ++i)
            if (!m_keys[i]->equals(*o.m_keys[i]))
                return false;
        return true;
    }
    return false;
}

namespace {

// str.isprintable(): everything but the Other and Separator categories, space excepted.
bool isPythonPrintable(char32_t c) {
    if (c == U' ')
        return true;
    switch (QChar::category(c)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Separator_Space:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return false;
    default:
        return true;
    }
}

} // namespace

bool isPlainReprText(const QString& s) {
    return std::all_of(s.begin(), s.end(),
                       [](QChar c) { return c >= u' ' && c <= u'~' && c != u'\'' && c != u'\\'; });
}

void appendPythonStringRepr(QString& out, const QString& s) {
    if (!isPlainReprText(s)) {
        out += pythonStringRepr(s);
        return;
    }
    out += QLatin1Char('\'');
    out += s;
    out += QLatin1Char('\'');
}

QString pythonStringRepr(const QString& s) {
    // Python picks single quotes unless the text has ' and no ".
    const bool useDouble = s.contains(QLatin1Char('\'')) && !s.contains(QLatin1Char('"'));
    const QChar quote = useDouble ? QLatin1Char('"') : QLatin1Char('\'');
    QString out;
    out.reserve(s.size() + 2);
    out += quote;
    // Printable ASCII, the usual case (dimension names, dict keys), needs no
    // escape but for the quote and the backslash: skip the per-character work.
    if (std::all_of(s.begin(), s.end(), [](QChar c) { return c >= u' ' && c <= u'~'; })) {
        for (QChar c : s) {
            if (c == quote || c == u'\\')
                out += QLatin1Char('\\');
            out += c;
        }
        out += quote;
        return out;
    }
    for (char32_t c : s.toUcs4()) {
        if (c == quote.unicode() || c == U'\\') {
            out += QLatin1Char('\\');
            out += QChar(c);
        } else if (c == U'\n') {
            out += QStringLiteral("\\n");
        } else if (c == U'\r') {
            out += QStringLiteral("\\r");
        } else if (c == U'\t') {
            out += QStringLiteral("\\t");
        } else if (isPythonPrintable(c)) {
            out += QString::fromUcs4(&c, 1);
        } else if (c < 0x100) {
            out += QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
        } else if (c < 0x10000) {
            out += QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
        } else {
            out += QStringLiteral("\\U%1").arg(uint(c), 8, 16, QLatin1Char('0'));
        }
    }
    out += quote;
    return out;
}

bool isPythonIdentifier(const QString& s) {
    if (s.isEmpty())
        return false;
    for (int i = 0; i < s.size(); ++i) {
        const QChar c = s[i];
        const bool ok = c == QLatin1Char('_') || c.isLetter() || (i > 0 && c.isDigit());
        if (!ok)
            return false;
    }
    static const char* const keywords[] = {
        "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
        "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
        "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
        "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield"};
    for (const char* kw : keywords)
        if (s == QLatin1String(kw))
            return false;
    return true;
}

} // namespace ds::text
