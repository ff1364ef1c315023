#include "PythonLiteralParser.h"

#include <QHash>

#include <limits>

namespace ds {

namespace {

enum class Tok { Name, Int, BigInt, Float, String, Op, Newline, End };

struct Token {
    Tok type = Tok::End;
    QString text; // Name/Op: the text; String: the decoded value
    qint64 intValue = 0;
    double floatValue = 0.0;
    int line = 1;
    int column = 1;
};

QString position(int line, int column) {
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

class Lexer {
public:
    explicit Lexer(const QString& text) : m_s(text) {}

    Result<std::vector<Token>> run() {
        std::vector<Token> tokens;
        int depth = 0;
        while (true) {
            skipBlanks(depth > 0);
            Token t;
            t.line = m_line;
            t.column = m_col;
            if (m_i >= m_s.size()) {
                t.type = Tok::End;
                tokens.push_back(t);
                return tokens;
            }
            const QChar c = m_s[m_i];
            if (c == QLatin1Char('\n') || c == QLatin1Char(';')) {
                advance();
                t.type = Tok::Newline;
                tokens.push_back(t);
                continue;
            }
            if (c.isLetter() || c == QLatin1Char('_')) {
                if (isStringPrefix()) {
                    auto s = readString(t);
                    if (!s)
                        return s.error();
                    tokens.push_back(s.value());
                    continue;
                }
                int start = m_i;
                while (m_i < m_s.size() &&
                       (m_s[m_i].isLetterOrNumber() || m_s[m_i] == QLatin1Char('_')))
                    advance();
                t.type = Tok::Name;
                t.text = m_s.mid(start, m_i - start);
                tokens.push_back(t);
                continue;
            }
            if (c.isDigit() ||
                (c == QLatin1Char('.') && m_i + 1 < m_s.size() && m_s[m_i + 1].isDigit())) {
                auto n = readNumber(t);
                if (!n)
                    return n.error();
                tokens.push_back(n.value());
                continue;
            }
            if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
                auto s = readString(t);
                if (!s)
                    return s.error();
                tokens.push_back(s.value());
                continue;
            }
            static const QString ops = QStringLiteral("{}[]():,=*+-.");
            if (ops.contains(c)) {
                if (c == QLatin1Char('{') || c == QLatin1Char('[') || c == QLatin1Char('('))
                    ++depth;
                else if (c == QLatin1Char('}') || c == QLatin1Char(']') || c == QLatin1Char(')'))
                    depth = std::max(0, depth - 1);
                advance();
                t.type = Tok::Op;
                t.text = c;
                tokens.push_back(t);
                continue;
            }
            return Error(QStringLiteral("unexpected character '%1'").arg(c),
                         position(t.line, t.column));
        }
    }

private:
    void advance() {
        if (m_s[m_i] == QLatin1Char('\n')) {
            ++m_line;
            m_col = 1;
        } else {
            ++m_col;
        }
        ++m_i;
    }

    // Inside brackets newlines are blanks (implicit line joining).
    void skipBlanks(bool newlinesToo) {
        while (m_i < m_s.size()) {
            const QChar c = m_s[m_i];
            if (c == QLatin1Char('#')) {
                while (m_i < m_s.size() && m_s[m_i] != QLatin1Char('\n'))
                    advance();
            } else if (c == QLatin1Char('\\') && m_i + 1 < m_s.size() &&
                       m_s[m_i + 1] == QLatin1Char('\n')) {
                advance();
                advance();
            } else if (c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\r') ||
                       (newlinesToo && c == QLatin1Char('\n'))) {
                advance();
            } else {
                break;
            }
        }
    }

    bool isStringPrefix() const {
        int j = m_i;
        while (j < m_s.size() && j - m_i < 2 && QStringLiteral("rRuUbBfF").contains(m_s[j]))
            ++j;
        return j > m_i && j < m_s.size() &&
               (m_s[j] == QLatin1Char('\'') || m_s[j] == QLatin1Char('"'));
    }

    Result<Token> readNumber(Token t) {
        int start = m_i;
        bool isFloat = false;
        if (m_s[m_i] == QLatin1Char('0') && m_i + 1 < m_s.size() &&
            QStringLiteral("xXoObB").contains(m_s[m_i + 1])) {
            const QChar base = m_s[m_i + 1].toLower();
            advance();
            advance();
            int digitsStart = m_i;
            while (m_i < m_s.size() &&
                   (m_s[m_i].isLetterOrNumber() || m_s[m_i] == QLatin1Char('_')))
                advance();
            bool ok = false;
            const int radix = base == QLatin1Char('x') ? 16 : base == QLatin1Char('o') ? 8 : 2;
            t.intValue = m_s.mid(digitsStart, m_i - digitsStart)
                             .remove(QLatin1Char('_'))
                             .toLongLong(&ok, radix);
            if (!ok)
                return Error(QStringLiteral("bad number '%1'").arg(m_s.mid(start, m_i - start)),
                             position(t.line, t.column));
            t.type = Tok::Int;
            return t;
        }
        while (m_i < m_s.size()) {
            const QChar c = m_s[m_i];
            if (c.isDigit() || c == QLatin1Char('_')) {
                advance();
            } else if (c == QLatin1Char('.')) {
                isFloat = true;
                advance();
            } else if ((c == QLatin1Char('e') || c == QLatin1Char('E'))) {
                isFloat = true;
                advance();
                if (m_i < m_s.size() &&
                    (m_s[m_i] == QLatin1Char('+') || m_s[m_i] == QLatin1Char('-')))
                    advance();
            } else {
                break;
            }
        }
        const QString text = m_s.mid(start, m_i - start).remove(QLatin1Char('_'));
        bool ok = false;
        if (isFloat) {
            t.type = Tok::Float;
            t.floatValue = text.toDouble(&ok);
        } else {
            t.type = Tok::Int;
            t.intValue = text.toLongLong(&ok);
            if (!ok && text.size() <= 4300) { // Python's default int digit limit
                t.type = Tok::BigInt;
                t.text = text;
                ok = true;
            }
        }
        if (!ok)
            return Error(QStringLiteral("bad or too large number '%1'").arg(text),
                         position(t.line, t.column));
        return t;
    }

    Result<Token> readString(Token t) {
        bool raw = false;
        while (m_s[m_i] != QLatin1Char('\'') && m_s[m_i] != QLatin1Char('"')) {
            if (m_s[m_i].toLower() == QLatin1Char('r'))
                raw = true;
            advance();
        }
        const QChar quote = m_s[m_i];
        const bool triple = m_i + 2 < m_s.size() && m_s[m_i + 1] == quote && m_s[m_i + 2] == quote;
        for (int k = 0; k < (triple ? 3 : 1); ++k)
            advance();
        QString value;
        while (true) {
            if (m_i >= m_s.size())
                return Error(QStringLiteral("string not closed"), position(t.line, t.column));
            const QChar c = m_s[m_i];
            if (c == quote) {
                if (!triple) {
                    advance();
                    break;
                }
                if (m_i + 2 < m_s.size() && m_s[m_i + 1] == quote && m_s[m_i + 2] == quote) {
                    advance();
                    advance();
                    advance();
                    break;
                }
            }
            if (c == QLatin1Char('\n') && !triple)
                return Error(QStringLiteral("string not closed before the end of the line"),
                             position(t.line, t.column));
            if (c == QLatin1Char('\\') && m_i + 1 < m_s.size()) {
                if (raw) {
                    value += c;
                    value += m_s[m_i + 1];
                    advance();
                    advance();
                    continue;
                }
                const int escLine = m_line, escCol = m_col;
                advance();
                auto ok = readEscape(value);
                if (!ok)
                    return Error(ok.error().message, position(escLine, escCol));
                continue;
            }
            value += c;
            advance();
        }
        t.type = Tok::String;
        t.text = value;
        return t;
    }

    Status readEscape(QString& value) {
        const QChar e = m_s[m_i];
        advance();
        switch (e.unicode()) {
        case '\n':
            return okStatus();
        case '\\':
        case '\'':
        case '"':
            value += e;
            return okStatus();
        case 'n':
            value += QLatin1Char('\n');
            return okStatus();
        case 't':
            value += QLatin1Char('\t');
            return okStatus();
        case 'r':
            value += QLatin1Char('\r');
            return okStatus();
        case '0':
            value += QChar(0);
            return okStatus();
        case 'a':
            value += QChar(7);
            return okStatus();
        case 'b':
            value += QChar(8);
            return okStatus();
        case 'f':
            value += QChar(12);
            return okStatus();
        case 'v':
            value += QChar(11);
            return okStatus();
        case 'x':
        case 'u':
        case 'U': {
            const int n = e == QLatin1Char('x') ? 2 : e == QLatin1Char('u') ? 4 : 8;
            if (m_i + n > m_s.size())
                return Error(QStringLiteral("truncated \\%1 escape").arg(e));
            bool ok = false;
            const uint code = m_s.mid(m_i, n).toUInt(&ok, 16);
            if (!ok || code > 0x10ffff)
                return Error(QStringLiteral("bad \\%1 escape").arg(e));
            for (int k = 0; k < n; ++k)
                advance();
            const char32_t cp = code;
            value += QString::fromUcs4(&cp, 1);
            return okStatus();
        }
        default:
            value += QLatin1Char('\\');
            value += e;
            return okStatus();
        }
    }

    const QString& m_s;
    int m_i = 0;
    int m_line = 1;
    int m_col = 1;
};

class Parser {
public:
    explicit Parser(std::vector<Token> tokens) : m_t(std::move(tokens)) {}

    Result<PyValue::Ptr> run() {
        PyValue::Ptr lastExpression;
        QString lastAssigned;
        while (true) {
            while (peek().type == Tok::Newline)
                ++m_p;
            if (peek().type == Tok::End)
                break;
            if (isImport()) {
                skipLine();
                continue;
            }
            if (peek().type == Tok::Name && peekAt(1).type == Tok::Op &&
                peekAt(1).text == QLatin1String("=")) {
                const QString name = peek().text;
                m_p += 2;
                auto v = expression(0);
                if (!v)
                    return v.error();
                m_vars.insert(name, v.value());
                lastAssigned = name;
                lastExpression.reset();
            } else {
                auto v = expression(0);
                if (!v)
                    return v.error();
                lastExpression = v.value();
            }
            if (peek().type != Tok::Newline && peek().type != Tok::End)
                return unexpected(peek());
        }
        if (lastExpression)
            return lastExpression;
        if (m_vars.contains(QStringLiteral("dynamic_shapes")))
            return m_vars.value(QStringLiteral("dynamic_shapes"));
        if (!lastAssigned.isEmpty())
            return m_vars.value(lastAssigned);
        return Error(QStringLiteral("no value found: the text is empty"), position(1, 1));
    }

private:
    const Token& peek() const { return m_t[std::min(m_p, m_t.size() - 1)]; }
    const Token& peekAt(size_t k) const { return m_t[std::min(m_p + k, m_t.size() - 1)]; }
    bool isOp(const char* op) const {
        return peek().type == Tok::Op && peek().text == QLatin1String(op);
    }

    bool isImport() const {
        return peek().type == Tok::Name &&
               (peek().text == QLatin1String("import") || peek().text == QLatin1String("from"));
    }
    void skipLine() {
        while (peek().type != Tok::Newline && peek().type != Tok::End)
            ++m_p;
    }

    Error unexpected(const Token& t) const {
        QString what;
        switch (t.type) {
        case Tok::End:
            what = QStringLiteral("unexpected end of text");
            break;
        case Tok::Newline:
            what = QStringLiteral("unexpected end of line");
            break;
        case Tok::String:
            what = QStringLiteral("unexpected string %1").arg(pythonStringRepr(t.text));
            break;
        default:
            what = QStringLiteral("unexpected '%1'")
                       .arg(t.type == Tok::Int ? QString::number(t.intValue) : t.text);
        }
        return Error(what, position(t.line, t.column));
    }

    Status expect(const char* op) {
        if (!isOp(op)) {
            Error e = unexpected(peek());
            e.message += QStringLiteral(", expected '%1'").arg(QLatin1String(op));
            return e;
        }
        ++m_p;
        return okStatus();
    }

    // additive := term (('+' | '-') term)*
    Result<PyValue::Ptr> expression(int depth) {
        if (depth > 200)
            return Error(QStringLiteral("nesting deeper than 200 levels"),
                         position(peek().line, peek().column));
        const Token start = peek();
        auto left = term(depth);
        if (!left)
            return left;
        PyValue::Ptr value = left.value();
        while (isOp("+") || isOp("-")) {
            const bool minus = peek().text == QLatin1String("-");
            const Token opToken = peek();
            ++m_p;
            auto right = term(depth);
            if (!right)
                return right;
            auto combined = combineAdd(value, right.value(), minus, opToken);
            if (!combined)
                return combined;
            value = combined.value();
        }
        (void)start;
        return value;
    }

    Result<PyValue::Ptr> term(int depth) {
        auto left = unary(depth);
        if (!left)
            return left;
        PyValue::Ptr value = left.value();
        while (isOp("*")) {
            const Token opToken = peek();
            ++m_p;
            auto right = unary(depth);
            if (!right)
                return right;
            auto combined = combineMul(value, right.value(), opToken);
            if (!combined)
                return combined;
            value = combined.value();
        }
        return value;
    }

    Result<PyValue::Ptr> unary(int depth) {
        if (isOp("-")) {
            const Token t = peek();
            ++m_p;
            auto v = unary(depth);
            if (!v)
                return v;
            if (v.value()->isBigInteger())
                return PyValue::bigInteger(QLatin1Char('-') + v.value()->text());
            if (v.value()->kind() == PyValue::Kind::Int)
                return PyValue::integer(-v.value()->intValue());
            if (v.value()->kind() == PyValue::Kind::Float)
                return PyValue::floating(-v.value()->floatValue());
            return Error(QStringLiteral("'-' applies to numbers only"), position(t.line, t.column));
        }
        if (isOp("+")) {
            ++m_p;
            return unary(depth);
        }
        return primary(depth);
    }

    static bool isDimLike(const PyValue::Ptr& v) {
        return v->kind() == PyValue::Kind::Dim || v->kind() == PyValue::Kind::Derived;
    }

    // Derived dims: A*x + B with x a Dim.
    Result<PyValue::Ptr> combineMul(const PyValue::Ptr& a, const PyValue::Ptr& b, const Token& at) {
        if (a->kind() == PyValue::Kind::Int && b->kind() == PyValue::Kind::Int)
            return PyValue::integer(a->intValue() * b->intValue());
        const PyValue::Ptr& dim = a->kind() == PyValue::Kind::Int ? b : a;
        const PyValue::Ptr& factor = a->kind() == PyValue::Kind::Int ? a : b;
        if (factor->kind() == PyValue::Kind::Int && dim->kind() == PyValue::Kind::Dim)
            return PyValue::derived(dim, factor->intValue(), 0);
        if (factor->kind() == PyValue::Kind::Int && dim->kind() == PyValue::Kind::Derived)
            return PyValue::derived(dim->base(), dim->mul() * factor->intValue(),
                                    dim->add() * factor->intValue());
        return Error(QStringLiteral("'*' needs an integer and a Dim"),
                     position(at.line, at.column));
    }

    Result<PyValue::Ptr> combineAdd(const PyValue::Ptr& a, const PyValue::Ptr& b, bool minus,
                                    const Token& at) {
        if (a->kind() == PyValue::Kind::Int && b->kind() == PyValue::Kind::Int)
            return PyValue::integer(minus ? a->intValue() - b->intValue()
                                          : a->intValue() + b->intValue());
        if (isDimLike(a) && b->kind() == PyValue::Kind::Int) {
            const qint64 offset = minus ? -b->intValue() : b->intValue();
            if (a->kind() == PyValue::Kind::Dim)
                return PyValue::derived(a, 1, offset);
            return PyValue::derived(a->base(), a->mul(), a->add() + offset);
        }
        if (!minus && a->kind() == PyValue::Kind::Int && isDimLike(b))
            return combineAdd(b, a, false, at);
        return Error(QStringLiteral("'%1' needs a Dim and an integer").arg(minus ? '-' : '+'),
                     position(at.line, at.column));
    }

    Result<PyValue::Ptr> primary(int depth) {
        const Token t = peek();
        switch (t.type) {
        case Tok::Int:
            ++m_p;
            return PyValue::integer(t.intValue);
        case Tok::BigInt:
            ++m_p;
            return PyValue::bigInteger(t.text);
        case Tok::Float:
            ++m_p;
            return PyValue::floating(t.floatValue);
        case Tok::String: {
            QString s;
            while (peek().type == Tok::String) // implicit concatenation, as pprint writes
                s += m_t[m_p++].text;
            return PyValue::string(s);
        }
        case Tok::Name:
            return nameExpression(depth);
        case Tok::Op:
            if (t.text == QLatin1String("["))
                return sequence(depth, QStringLiteral("]"), false);
            if (t.text == QLatin1String("("))
                return sequence(depth, QStringLiteral(")"), true);
            if (t.text == QLatin1String("{"))
                return dictDisplay(depth);
            return unexpected(t);
        default:
            return unexpected(t);
        }
    }

    Result<PyValue::Ptr> sequence(int depth, const QString& close, bool isTuple) {
        ++m_p; // opening bracket
        std::vector<PyValue::Ptr> items;
        bool sawComma = false;
        while (!(peek().type == Tok::Op && peek().text == close)) {
            auto v = expression(depth + 1);
            if (!v)
                return v;
            items.push_back(v.value());
            if (isOp(",")) {
                ++m_p;
                sawComma = true;
                continue;
            }
            if (!(peek().type == Tok::Op && peek().text == close)) {
                Error e = unexpected(peek());
                e.message += QStringLiteral(", expected ',' or '%1'").arg(close);
                return e;
            }
        }
        ++m_p;
        if (isTuple && items.size() == 1 && !sawComma)
            return items[0]; // parenthesised expression
        return isTuple ? PyValue::tuple(std::move(items)) : PyValue::list(std::move(items));
    }

    Result<PyValue::Ptr> dictDisplay(int depth) {
        ++m_p;
        PyValue::Ptr d = PyValue::dict();
        while (!isOp("}")) {
            auto k = expression(depth + 1);
            if (!k)
                return k;
            if (k.value()->isContainer() && k.value()->kind() != PyValue::Kind::Tuple)
                return Error(QStringLiteral("a dict key cannot be a list or a dict"),
                             position(peek().line, peek().column));
            if (auto s = expect(":"); !s)
                return s.error();
            auto v = expression(depth + 1);
            if (!v)
                return v;
            d->insert(k.value(), v.value());
            if (isOp(",")) {
                ++m_p;
                continue;
            }
            if (!isOp("}")) {
                Error e = unexpected(peek());
                e.message += QStringLiteral(", expected ',' or '}'");
                return e;
            }
        }
        ++m_p;
        return d;
    }

    // Names: None/True/False, variables, Dim constructors and hints, under any
    // module prefix (torch.export.Dim, export.Dim, Dim).
    Result<PyValue::Ptr> nameExpression(int depth) {
        const Token first = peek();
        QStringList parts{first.text};
        ++m_p;
        while (isOp(".") && peekAt(1).type == Tok::Name) {
            parts << peekAt(1).text;
            m_p += 2;
        }
        const QString dotted = parts.join(QLatin1Char('.'));
        if (parts.size() == 1) {
            if (dotted == QLatin1String("None"))
                return PyValue::none();
            if (dotted == QLatin1String("True"))
                return PyValue::boolean(true);
            if (dotted == QLatin1String("False"))
                return PyValue::boolean(false);
        }
        const int dimAt = parts.lastIndexOf(QStringLiteral("Dim"));
        if (dimAt == parts.size() - 1) {
            if (!isOp("("))
                return Error(
                    QStringLiteral("'%1' must be called with a name: Dim('name')").arg(dotted),
                    position(first.line, first.column));
            return dimCall(depth, first);
        }
        if (dimAt >= 0 && dimAt == parts.size() - 2) {
            const QString hint = parts.last();
            if (hint != QLatin1String("AUTO") && hint != QLatin1String("DYNAMIC") &&
                hint != QLatin1String("STATIC"))
                return Error(
                    QStringLiteral("unknown hint Dim.%1 (expected AUTO, DYNAMIC or STATIC)")
                        .arg(hint),
                    position(first.line, first.column));
            if (!isOp("("))
                return PyValue::dimHint(hint);
            std::optional<qint64> min, max;
            auto s = callArguments(depth, first, nullptr, min, max);
            if (!s)
                return s.error();
            return PyValue::dimHint(hint, min, max, true);
        }
        if (parts.size() == 1 && m_vars.contains(dotted))
            return m_vars.value(dotted);
        return Error(QStringLiteral("unknown name '%1'").arg(dotted),
                     position(first.line, first.column));
    }

    Result<PyValue::Ptr> dimCall(int depth, const Token& first) {
        QString name;
        std::optional<qint64> min, max;
        auto s = callArguments(depth, first, &name, min, max);
        if (!s)
            return s.error();
        if (name.isNull())
            return Error(QStringLiteral("Dim(...) needs a name as its first argument"),
                         position(first.line, first.column));
        return PyValue::dim(name, min, max);
    }

    // (name?, min=int, max=int); `name` is nullptr for hints, which take no name.
    Status callArguments(int depth, const Token& first, QString* name, std::optional<qint64>& min,
                         std::optional<qint64>& max) {
        ++m_p; // '('
        int positional = 0;
        while (!isOp(")")) {
            const Token at = peek();
            if (at.type == Tok::Name && peekAt(1).type == Tok::Op &&
                peekAt(1).text == QLatin1String("=")) {
                m_p += 2;
                auto v = expression(depth + 1);
                if (!v)
                    return v.error();
                if (at.text != QLatin1String("min") && at.text != QLatin1String("max"))
                    return Error(
                        QStringLiteral("unknown argument '%1' (expected min or max)").arg(at.text),
                        position(at.line, at.column));
                if (v.value()->kind() == PyValue::Kind::None) {
                    // min=None / max=None: no bound
                } else if (v.value()->kind() != PyValue::Kind::Int) {
                    return Error(QStringLiteral("'%1' must be an integer").arg(at.text),
                                 position(at.line, at.column));
                } else {
                    (at.text == QLatin1String("min") ? min : max) = v.value()->intValue();
                }
            } else {
                auto v = expression(depth + 1);
                if (!v)
                    return v.error();
                if (name && positional == 0 && v.value()->kind() == PyValue::Kind::Str) {
                    *name = v.value()->text();
                } else {
                    return Error(QStringLiteral("unexpected argument in the call of Dim"),
                                 position(at.line, at.column));
                }
                ++positional;
            }
            if (isOp(",")) {
                ++m_p;
                continue;
            }
            if (!isOp(")")) {
                Error e = unexpected(peek());
                e.message += QStringLiteral(", expected ',' or ')'");
                return e;
            }
        }
        ++m_p;
        (void)first;
        return okStatus();
    }

    std::vector<Token> m_t;
    size_t m_p = 0;
    QHash<QString, PyValue::Ptr> m_vars;
};

} // namespace

Result<PyValue::Ptr> parsePythonLiteral(const QString& text) {
    auto tokens = Lexer(text).run();
    if (!tokens)
        return tokens.error();
    return Parser(std::move(tokens).value()).run();
}

} // namespace ds
