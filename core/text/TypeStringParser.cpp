#include "TypeString.h"

#include "caches/CacheLayers.h"

namespace ds::text {

namespace {

constexpr int kMaxDepth = 500;

// Class names onnx-diagnostic prints for transformers' caches and layers.
QString qualifiedCacheClass(const QString& shortName) {
    if (shortName.endsWith(QLatin1String("Cache")) || shortName.endsWith(QLatin1String("Layer")))
        return QStringLiteral("transformers.cache_utils.") + shortName;
    // onnx-diagnostic prints a ModelOutput given as an input by its class:
    // BaseModelOutput(last_hidden_state:T1s2x30x64).
    if (shortName.endsWith(QLatin1String("Output")))
        return QStringLiteral("transformers.modeling_outputs.") + shortName;
    return shortName;
}

class Parser {
public:
    explicit Parser(const QString& text) : m_s(text) {}

    Result<InputValue::Ptr> run() {
        skipSpaces();
        auto v = value(0);
        if (!v)
            return v;
        skipSpaces();
        if (m_i < m_s.size())
            return fail(QStringLiteral("unexpected '%1' after the end of the value").arg(m_s[m_i]));
        return v;
    }

private:
    Error fail(const QString& message) const {
        return Error(message, QStringLiteral("column %1").arg(m_i + 1));
    }
    bool atEnd() const { return m_i >= m_s.size(); }
    QChar peek() const { return atEnd() ? QChar() : m_s[m_i]; }
    bool startsWith(const char* word) const {
        return QStringView(m_s).mid(m_i).startsWith(QLatin1String(word));
    }
    void skipSpaces() {
        while (!atEnd() && m_s[m_i].isSpace())
            ++m_i;
    }
    Status expect(const char* text) {
        if (!startsWith(text))
            return fail(atEnd() ? QStringLiteral("unexpected end of text, expected '%1'")
                                      .arg(QLatin1String(text))
                                : QStringLiteral("expected '%1', found '%2'")
                                      .arg(QLatin1String(text))
                                      .arg(peek()));
        m_i += static_cast<int>(qstrlen(text));
        return okStatus();
    }

    Result<qint64> number() {
        const int start = m_i;
        while (!atEnd() && m_s[m_i].isDigit())
            ++m_i;
        if (start == m_i)
            return fail(atEnd() ? QStringLiteral("unexpected end of text, expected a number")
                                : QStringLiteral("expected a number, found '%1'").arg(peek()));
        bool ok = false;
        const qint64 n = m_s.mid(start, m_i - start).toLongLong(&ok);
        if (!ok)
            return Error(QStringLiteral("number too large"),
                         QStringLiteral("column %1").arg(start + 1));
        return n;
    }

    QString identifier() {
        const int start = m_i;
        while (!atEnd() && (m_s[m_i].isLetterOrNumber() || m_s[m_i] == QLatin1Char('_') ||
                            m_s[m_i] == QLatin1Char('.')))
            ++m_i;
        return m_s.mid(start, m_i - start);
    }

    Result<InputValue::Ptr> value(int depth) {
        if (depth > kMaxDepth)
            return fail(QStringLiteral("nesting deeper than %1 levels").arg(kMaxDepth));
        skipSpaces();
        if (atEnd())
            return fail(QStringLiteral("unexpected end of text, expected a value"));
        const QChar c = peek();
        if (c == QLatin1Char('T') && m_i + 1 < m_s.size() && m_s[m_i + 1].isDigit())
            return tensor();
        if (c == QLatin1Char('#'))
            return counted(depth);
        if (c == QLatin1Char('('))
            return tuple(depth);
        if (c == QLatin1Char('{'))
            return braceDict(depth);
        if (c.isLetter() || c == QLatin1Char('_'))
            return named(depth);
        return fail(QStringLiteral("unexpected '%1', expected a value").arg(c));
    }

    Result<InputValue::Ptr> tensor() {
        const int start = m_i;
        ++m_i; // T
        auto code = number();
        if (!code)
            return code.error();
        const DType dtype = dtypeFromOnnxCode(static_cast<int>(code.value()));
        if (dtype == DType::Unknown)
            return Error(QStringLiteral("unknown element type code %1").arg(code.value()),
                         QStringLiteral("column %1").arg(start + 2));
        if (auto s = expect("s"); !s)
            return s.error();
        TensorInfo info;
        info.dtype = dtype;
        if (!atEnd() && peek().isDigit()) {
            while (true) {
                auto d = number();
                if (!d)
                    return d.error();
                info.shape.push_back(d.value());
                if (peek() != QLatin1Char('x'))
                    break;
                ++m_i;
            }
        }
        return InputValue::tensor(std::move(info));
    }

    // #N[a,b] and #N[first,...], #N(first,...)
    Result<InputValue::Ptr> counted(int depth) {
        ++m_i; // #
        const int countAt = m_i;
        auto n = number();
        if (!n)
            return n.error();
        const QChar open = peek();
        if (open != QLatin1Char('[') && open != QLatin1Char('('))
            return fail(QStringLiteral("expected '[' or '(' after #%1").arg(n.value()));
        const bool isList = open == QLatin1Char('[');
        const QChar close = isList ? QLatin1Char(']') : QLatin1Char(')');
        ++m_i;
        std::vector<InputValue::Ptr> items;
        bool elided = false;
        if (peek() != close) {
            while (true) {
                auto item = value(depth + 1);
                if (!item)
                    return item;
                items.push_back(item.value());
                if (startsWith(",...")) {
                    m_i += 4;
                    elided = true;
                    break;
                }
                if (peek() != QLatin1Char(','))
                    break;
                ++m_i;
            }
        }
        if (peek() != close)
            return fail(
                atEnd()
                    ? QStringLiteral("unexpected end of text, expected '%1'").arg(close)
                    : QStringLiteral("expected ',' or '%1', found '%2'").arg(close).arg(peek()));
        ++m_i;
        const qint64 count = n.value();
        if (elided) {
            if (count < 20 || count > 1000000)
                return Error(QStringLiteral("'#%1[first,...]' is only written for 20 items or more "
                                            "(at most 1000000 here)")
                                 .arg(count),
                             QStringLiteral("column %1").arg(countAt + 1));
            // Only the first item is known: it stands for all of them.
            while (static_cast<qint64>(items.size()) < count)
                items.push_back(items.front());
        } else if (static_cast<qint64>(items.size()) != count) {
            return Error(
                QStringLiteral("#%1 announces %1 items but %2 follow").arg(count).arg(items.size()),
                QStringLiteral("column %1").arg(countAt + 1));
        } else if (!isList) {
            return Error(QStringLiteral("a tuple is written '#N(first,...)' only when elided"),
                         QStringLiteral("column %1").arg(countAt + 1));
        }
        return isList ? InputValue::list(std::move(items)) : InputValue::tuple(std::move(items));
    }

    // (), (a,), (a,b)
    Result<InputValue::Ptr> tuple(int depth) {
        ++m_i;
        std::vector<InputValue::Ptr> items;
        if (peek() == QLatin1Char(')')) {
            ++m_i;
            return InputValue::tuple();
        }
        while (true) {
            auto item = value(depth + 1);
            if (!item)
                return item;
            items.push_back(item.value());
            if (startsWith(",)")) {
                m_i += 2;
                if (items.size() != 1)
                    return fail(
                        QStringLiteral("a trailing ',' is only written for a tuple of one item"));
                return InputValue::tuple(std::move(items));
            }
            if (peek() == QLatin1Char(')')) {
                ++m_i;
                if (items.size() == 1)
                    return fail(QStringLiteral("a tuple of one item is written '(a,)'"));
                return InputValue::tuple(std::move(items));
            }
            if (peek() != QLatin1Char(','))
                return fail(atEnd()
                                ? QStringLiteral("unexpected end of text, expected ')'")
                                : QStringLiteral("expected ',' or ')', found '%1'").arg(peek()));
            ++m_i;
        }
    }

    // {} and {1:T1s1}
    Result<InputValue::Ptr> braceDict(int depth) {
        ++m_i;
        InputValue::Ptr d = InputValue::dict();
        if (peek() == QLatin1Char('}')) {
            ++m_i;
            return d;
        }
        return dictItems(d, QLatin1Char('}'), depth);
    }

    Result<InputValue::Ptr> dictItems(InputValue::Ptr d, QChar close, int depth) {
        while (true) {
            const int keyAt = m_i;
            while (!atEnd() && peek() != QLatin1Char(':') && peek() != QLatin1Char(',') &&
                   peek() != close)
                ++m_i;
            const QString keyText = m_s.mid(keyAt, m_i - keyAt).trimmed();
            if (peek() != QLatin1Char(':'))
                return fail(
                    atEnd() ? QStringLiteral("unexpected end of text, expected ':' after key '%1'")
                                  .arg(keyText)
                            : QStringLiteral("expected ':' after key '%1'").arg(keyText));
            if (keyText.isEmpty())
                return fail(QStringLiteral("empty key"));
            ++m_i;
            bool isInt = false;
            const qint64 intKey = keyText.toLongLong(&isInt);
            // Braces hold int keys only; True and False are ints in Python.
            const bool braces = close == QLatin1Char('}');
            const bool boolKey =
                braces && (keyText == QLatin1String("True") || keyText == QLatin1String("False"));
            const Key key = braces && isInt ? Key::integer(intKey)
                            : boolKey       ? Key::boolean(keyText == QLatin1String("True"))
                                            : Key::str(keyText);
            if (d->indexOf(key) >= 0)
                return Error(QStringLiteral("key '%1' appears twice").arg(keyText),
                             QStringLiteral("column %1").arg(keyAt + 1));
            auto v = value(depth + 1);
            if (!v)
                return v;
            d->insert(key, v.value());
            if (peek() == close) {
                ++m_i;
                return d;
            }
            if (peek() != QLatin1Char(','))
                return fail(atEnd()
                                ? QStringLiteral("unexpected end of text, expected '%1'").arg(close)
                                : QStringLiteral("expected ',' or '%1', found '%2'")
                                      .arg(close)
                                      .arg(peek()));
            ++m_i;
        }
    }

    Result<InputValue::Ptr> named(int depth) {
        const int start = m_i;
        const QString name = identifier();
        if (peek() != QLatin1Char('(')) {
            if (name == QLatin1String("None"))
                return InputValue::none();
            if (name == QLatin1String("bool"))
                return InputValue::boolean();
            if (name == QLatin1String("int"))
                return InputValue::integer();
            if (name == QLatin1String("float"))
                return InputValue::floating();
            if (name == QLatin1String("str"))
                return InputValue::string();
            return Error(QStringLiteral("unknown name '%1'").arg(name),
                         QStringLiteral("column %1").arg(start + 1));
        }
        ++m_i; // (
        // {0:DYN(batch)}: onnx-diagnostic's form of a string under an int key.
        if (name == QLatin1String("DYN")) {
            const int close = static_cast<int>(m_s.indexOf(QLatin1Char(')'), m_i));
            if (close < 0)
                return fail(QStringLiteral("unexpected end of text, expected ')'"));
            const QString text = m_s.mid(m_i, close - m_i);
            m_i = close + 1;
            return InputValue::string(text);
        }
        if (name == QLatin1String("dict")) {
            InputValue::Ptr d = InputValue::dict();
            if (peek() == QLatin1Char(')')) {
                ++m_i;
                return d;
            }
            return dictItems(d, QLatin1Char(')'), depth);
        }
        return object(name, depth);
    }

    // Name(field=value, ...) or DynamicCache(LayerClass(k, v), ...)
    Result<InputValue::Ptr> object(const QString& name, int depth) {
        InputValue::Ptr obj = InputValue::object(qualifiedCacheClass(name));
        skipSpaces();
        if (peek() == QLatin1Char(')')) {
            ++m_i;
            return obj;
        }
        // Positional items: layer objects of a DynamicCache, or a layer's (keys, values).
        const bool positional = !fieldAhead();
        std::vector<InputValue::Ptr> args;
        while (true) {
            skipSpaces();
            if (positional) {
                auto v = value(depth + 1);
                if (!v)
                    return v;
                args.push_back(v.value());
            } else {
                const int fieldAt = m_i;
                const QString field = identifier();
                if (field.isEmpty() || (peek() != QLatin1Char('=') && peek() != QLatin1Char(':')))
                    return fail(QStringLiteral("expected 'name=' for a field of %1").arg(name));
                ++m_i;
                if (obj->field(field))
                    return Error(QStringLiteral("field '%1' appears twice").arg(field),
                                 QStringLiteral("column %1").arg(fieldAt + 1));
                auto v = value(depth + 1);
                if (!v)
                    return v;
                obj->setField(field, v.value());
            }
            skipSpaces();
            if (peek() == QLatin1Char(')')) {
                ++m_i;
                break;
            }
            if (peek() != QLatin1Char(','))
                return fail(atEnd()
                                ? QStringLiteral("unexpected end of text, expected ')'")
                                : QStringLiteral("expected ',' or ')', found '%1'").arg(peek()));
            ++m_i;
        }
        if (positional)
            return fromPositional(obj, name, args);
        return obj;
    }

    bool fieldAhead() const {
        int j = m_i;
        while (j < m_s.size() && (m_s[j].isLetterOrNumber() || m_s[j] == QLatin1Char('_')))
            ++j;
        // name=value (a cache's fields) or name:value (a ModelOutput's).
        return j > m_i && j < m_s.size() &&
               (m_s[j] == QLatin1Char('=') || m_s[j] == QLatin1Char(':'));
    }

    Result<InputValue::Ptr> fromPositional(InputValue::Ptr obj, const QString& name,
                                           const std::vector<InputValue::Ptr>& args) {
        if (name.endsWith(QLatin1String("Layer"))) {
            // The layer's tensors in the order its class shows them
            // (LinearAttentionLayer(conv_states, recurrent_states)); fewer
            // is a layer whose last fields are not set (onnx-diagnostic's
            // DynamicIndexedLayer(keys, values)).
            const QStringList fields = caches::layerTensorFields(name);
            if (args.size() < 2 || args.size() > static_cast<size_t>(fields.size()))
                return fail(QStringLiteral("%1(%2) takes %3 tensors")
                                .arg(name, fields.join(QStringLiteral(", ")))
                                .arg(fields.size() == 2
                                         ? QStringLiteral("two")
                                         : QStringLiteral("2 to %1").arg(fields.size())));
            for (size_t i = 0; i < args.size(); ++i) {
                if (args[i]->kind() != ValueKind::Tensor && args[i]->kind() != ValueKind::None)
                    return fail(QStringLiteral("%1(...) takes tensors").arg(name));
                obj->setField(fields[static_cast<int>(i)], args[i]);
            }
            return obj;
        }
        for (const auto& a : args)
            if (a->kind() != ValueKind::Object)
                return fail(QStringLiteral("%1(...) lists layer objects such as DynamicLayer(k, v)")
                                .arg(name));
        obj->setField(QStringLiteral("layers"), InputValue::list(args));
        return obj;
    }

    const QString& m_s;
    int m_i = 0;
};

} // namespace

Result<InputValue::Ptr> parseTypeString(const QString& text) {
    return Parser(text).run();
}

} // namespace ds::text
