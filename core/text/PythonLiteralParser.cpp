#include "PythonLiteralParser.h"

#include "PythonLexer.h"

#include <QHash>

#include <limits>

namespace ds::text {

namespace {

using pylex::position;
using pylex::Tok;
using pylex::Token;

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
            if (isImport() || isRegistrationCall()) {
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
    // A statement that calls a function other than Dim: the registration the
    // `python` format prints above dynamic_shapes
    // (register_dynamic_cache_export_support(), dimstudio_runner.register_for(...)).
    bool isRegistrationCall() const {
        size_t k = 0;
        if (peekAt(k).type != Tok::Name)
            return false;
        QStringList parts{peekAt(k).text};
        while (peekAt(k + 1).type == Tok::Op && peekAt(k + 1).text == QLatin1String(".") &&
               peekAt(k + 2).type == Tok::Name) {
            parts << peekAt(k + 2).text;
            k += 2;
        }
        const bool call = peekAt(k + 1).type == Tok::Op && peekAt(k + 1).text == QLatin1String("(");
        return call && !parts.contains(QStringLiteral("Dim"));
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
        const size_t firstAt = m_p;
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
        // The root of a derived dim as pprint prints it, `2*dx + 1`, is the
        // Dim of that name (pprint cannot define it first).
        if (parts.size() == 1 && inArithmetic(firstAt))
            return PyValue::dim(dotted);
        return Error(QStringLiteral("unknown name '%1'").arg(dotted),
                     position(first.line, first.column));
    }

    // Whether the token at `at` is an operand of *, + or -.
    bool inArithmetic(size_t at) const {
        auto isArithmetic = [](const Token& t) {
            return t.type == Tok::Op &&
                   (t.text == QLatin1String("*") || t.text == QLatin1String("+") ||
                    t.text == QLatin1String("-"));
        };
        return (at > 0 && isArithmetic(m_t[at - 1])) || isArithmetic(peek());
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
    auto tokens = pylex::tokenize(text);
    if (!tokens)
        return tokens.error();
    return Parser(std::move(tokens).value()).run();
}

} // namespace ds::text
