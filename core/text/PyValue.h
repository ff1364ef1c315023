#pragma once

#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace ds::text {

// A Python value as it appears in dynamic-shape specs: what the spec writers
// build, what the Python-literal parser returns, and what pprint prints.
class PyValue {
public:
    enum class Kind {
        None,
        Bool,
        Int,
        Float,
        Str,
        List,
        Tuple,
        Dict,
        Dim,     // Dim('name', min=.., max=..)
        DimHint, // Dim.AUTO / Dim.DYNAMIC / Dim.STATIC, optionally called with bounds
        Derived, // mul*base + add, base being a Dim
        Name,    // a bare identifier printed as is (variables in generated snippets)
    };
    using Ptr = std::shared_ptr<PyValue>;

    static Ptr none();
    static Ptr boolean(bool v);
    static Ptr integer(qint64 v);
    // An int beyond 64 bits (Python ints are unbounded): kept as its digits.
    static Ptr bigInteger(const QString& digits);
    bool isBigInteger() const { return m_kind == Kind::Int && !m_text.isEmpty(); }
    static Ptr floating(double v);
    static Ptr string(const QString& s);
    static Ptr list(std::vector<Ptr> items = {});
    static Ptr tuple(std::vector<Ptr> items = {});
    static Ptr dict();
    static Ptr dim(const QString& name, std::optional<qint64> min = std::nullopt,
                   std::optional<qint64> max = std::nullopt);
    // hint is "AUTO", "DYNAMIC" or "STATIC"; called is true for Dim.AUTO(min=..).
    static Ptr dimHint(const QString& hint, std::optional<qint64> min = std::nullopt,
                       std::optional<qint64> max = std::nullopt, bool called = false);
    static Ptr derived(Ptr base, qint64 mul, qint64 add);
    static Ptr name(const QString& identifier);

    // A list, tuple or dict whose values are made when asked for, one at a
    // time: pprint of a spec of 100,000 tensors then holds one tensor's
    // values at a time instead of half a million. Only the pretty printer
    // reads them, through itemAt(); items() of a lazy value is empty.
    using ItemMaker = std::function<Ptr(int index)>;
    static Ptr lazySequence(Kind kind, int size, ItemMaker makeItem); // List or Tuple
    static Ptr lazyDict(std::vector<Ptr> keys, ItemMaker makeValue);
    bool isLazy() const { return m_maker != nullptr; }
    // Item (dict: value) i, stored or made.
    Ptr itemAt(int i) const;

    Kind kind() const { return m_kind; }
    bool isContainer() const {
        return m_kind == Kind::List || m_kind == Kind::Tuple || m_kind == Kind::Dict;
    }

    bool boolValue() const { return m_int != 0; }
    qint64 intValue() const { return m_int; }
    double floatValue() const { return m_float; }
    // Str: the string; Dim: its name; DimHint: the hint; Name: the identifier.
    const QString& text() const { return m_text; }
    std::optional<qint64> min() const { return m_min; }
    std::optional<qint64> max() const { return m_max; }
    bool hintCalled() const { return m_called; }
    // Derived: base dim, multiplier and offset.
    const Ptr& base() const { return m_base; }
    qint64 mul() const { return m_int; }
    qint64 add() const { return m_add; }

    // List/Tuple items, Dict values (parallel to keys()).
    const std::vector<Ptr>& items() const { return m_items; }
    const std::vector<Ptr>& keys() const { return m_keys; }
    int size() const { return m_maker ? m_lazySize : static_cast<int>(m_items.size()); }
    void append(Ptr item) { m_items.push_back(std::move(item)); }
    // Room for `count` items (and keys, for a dict) without reallocating.
    void reserve(int count) {
        m_items.reserve(static_cast<size_t>(count));
        if (m_kind == Kind::Dict)
            m_keys.reserve(static_cast<size_t>(count));
    }
    // Dict: sets the value of key (kept at its first position).
    void insert(Ptr key, Ptr value);
    // Dict: adds a key the caller knows is new (builders of big specs: O(1)).
    void appendItem(Ptr key, Ptr value) {
        m_keys.push_back(std::move(key));
        m_items.push_back(std::move(value));
    }
    // Dict lookup by an int or string key; nullptr when absent.
    Ptr valueForInt(qint64 key) const;
    Ptr valueForString(const QString& key) const;

    // Python's repr() of the value on one line.
    QString repr() const;
    bool equals(const PyValue& other) const;

private:
    // Only the factories create values; the token lets them use make_shared
    // (one allocation per value: a spec of 100,000 tensors has half a million).
    struct Token {};
    static Ptr make(Kind k);

public:
    PyValue(Token, Kind k) : m_kind(k) {}

private:
    Kind m_kind;
    qint64 m_int = 0;
    qint64 m_add = 0;
    double m_float = 0.0;
    QString m_text;
    std::optional<qint64> m_min, m_max;
    bool m_called = false;
    Ptr m_base;
    std::vector<Ptr> m_items;
    std::vector<Ptr> m_keys;
    std::unique_ptr<ItemMaker> m_maker; // lazy containers only
    int m_lazySize = 0;
};

// Python's repr of a str: quotes chosen as Python chooses them, escapes included.
QString pythonStringRepr(const QString& s);
// Printable ASCII without ' and \: its repr is the text between single quotes.
bool isPlainReprText(const QString& s);
// out += pythonStringRepr(s), without a string of its own in the plain case.
void appendPythonStringRepr(QString& out, const QString& s);
bool isPythonIdentifier(const QString& s);

} // namespace ds::text
