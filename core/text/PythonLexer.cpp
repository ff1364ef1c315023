#include "PythonLexer.h"

namespace ds::text::pylex {

namespace {

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

} // namespace

Result<std::vector<Token>> tokenize(const QString& text) {
    return Lexer(text).run();
}

} // namespace ds::text::pylex
