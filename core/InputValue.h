#pragma once

#include "DType.h"

#include <QString>
#include <QVariant>

#include <memory>
#include <optional>
#include <vector>

namespace ds {

// A tensor as far as shapes are concerned, plus where its bytes live so that
// the data module can materialise it on demand.
struct TensorInfo {
    DType dtype = DType::Float32;
    std::vector<qint64> shape;
    std::vector<qint64> stride;    // empty when unknown (type strings, JSON)
    qint64 storageOffset = 0;      // in elements
    QString storageKey;            // record name inside the archive ("0", "1", ...)
    qint64 storageBytes = -1;      // size of the storage record, -1 when unknown
    qint64 storageFileOffset = -1; // pre-1.6 (non-zip) files: where the storage's bytes
                                   // start in the file; -1 for zip archives
    QString device;                // "cpu", "cuda:0", ... (empty when unknown)
    bool requiresGrad = false;
    bool isParameter = false; // nn.Parameter

    int rank() const { return static_cast<int>(shape.size()); }
    qint64 numel() const;
};

// A dictionary key: Python dict keys in input structures are strings or ints.
// A bool key is an int (Python: True == 1, both hash alike) that prints as
// True/False.
struct Key {
    bool isInt = false;
    qint64 intValue = 0;
    QString text;
    bool isBool = false;

    static Key str(const QString& s) { return Key{false, 0, s}; }
    static Key integer(qint64 v) { return Key{true, v, QString()}; }
    static Key boolean(bool b) { return Key{true, b ? 1 : 0, QString(), true}; }
    QString toString() const {
        if (isBool)
            return intValue ? QStringLiteral("True") : QStringLiteral("False");
        return isInt ? QString::number(intValue) : text;
    }
    bool operator==(const Key& o) const {
        return isInt == o.isInt && (isInt ? intValue == o.intValue : text == o.text);
    }
    bool operator!=(const Key& o) const { return !(*this == o); }
};

enum class ValueKind : quint8 {
    None,
    Bool,
    Int,
    Float,
    Str,
    Bytes,
    Tensor,
    List,
    Tuple,
    Set,
    Dict,
    Object, // an instance of a class: className + named fields (+ constructor args)
    Global, // a bare reference to a class or function: only its name
};

// One node of the inputs a user saved. Built by the readers (pickle, type
// string, JSON) and never executed: an Object is a description, not a call.
// Nodes are shared (shared_ptr) because pickles share references.
class InputValue {
public:
    using Ptr = std::shared_ptr<InputValue>;
    using ConstPtr = std::shared_ptr<const InputValue>;

    static Ptr none();
    static Ptr boolean(std::optional<bool> v = std::nullopt);
    static Ptr integer(std::optional<qint64> v = std::nullopt);
    static Ptr floating(std::optional<double> v = std::nullopt);
    static Ptr string(std::optional<QString> v = std::nullopt);
    static Ptr bytes(qint64 length);
    static Ptr tensor(TensorInfo info);
    static Ptr list(std::vector<Ptr> items = {});
    static Ptr tuple(std::vector<Ptr> items = {});
    static Ptr set(std::vector<Ptr> items = {});
    static Ptr dict(); // plain dict; setClassName("collections.OrderedDict") for subclasses
    static Ptr object(const QString& className);
    static Ptr global(const QString& qualifiedName);

    ValueKind kind() const { return m_kind; }
    // List, tuple, set, dict or object.
    bool isContainer() const {
        return m_kind == ValueKind::List || m_kind == ValueKind::Tuple ||
               m_kind == ValueKind::Set || m_kind == ValueKind::Dict || m_kind == ValueKind::Object;
    }

    // Scalars: the value when known (a type string only says "int").
    const QVariant& scalar() const { return m_scalar; }
    void setScalar(const QVariant& v) { m_scalar = v; }

    // Non-tensors answer an empty TensorInfo.
    const TensorInfo& tensorInfo() const;
    TensorInfo& tensorInfo();

    // Items of list/tuple/set, values of dict, field values of object.
    const std::vector<Ptr>& items() const { return m_items; }
    int size() const { return static_cast<int>(m_items.size()); }
    const Ptr& at(int i) const { return m_items[static_cast<size_t>(i)]; }
    // Keys of dict, field names of object (as Key::str); parallel to items().
    const std::vector<Key>& keys() const;

    void append(Ptr item); // list, tuple, set
    // dict/object: replaces the value of an existing key in place (Python order).
    void insert(const Key& key, Ptr value);
    void setField(const QString& name, Ptr value) { insert(Key::str(name), std::move(value)); }
    // nullptr when absent.
    Ptr value(const Key& key) const;
    Ptr field(const QString& name) const { return value(Key::str(name)); }
    int indexOf(const Key& key) const;
    void clearItems();
    // For readers that index keys themselves: insert() scans the keys, which is
    // quadratic on dicts with many thousand entries. appendEntry() requires a key
    // that is absent; replaceItem() overwrites the value at an existing index.
    void appendEntry(const Key& key, Ptr value);
    // Room for `count` more entries (dict/object) without reallocating.
    void reserveEntries(int count);
    void replaceItem(int index, Ptr value);

    // Object and Global: fully qualified name ("transformers.cache_utils.DynamicCache").
    // Dict: empty, or the dict subclass ("collections.OrderedDict").
    const QString& className() const;
    void setClassName(const QString& name) { extra().className = name; }
    // Last component of className().
    QString shortClassName() const;

    // Object: positional arguments it was built with (REDUCE/NEWOBJ), if any.
    const std::vector<Ptr>& arguments() const;
    void setArguments(std::vector<Ptr> args) { extra().arguments = std::move(args); }

    // Bytes: length in bytes.
    qint64 byteLength() const { return m_extra ? m_extra->byteLength : 0; }

    // Levels of containers below and including this value, as far as the
    // pickle reader has tracked them to refuse values nested too deep (it
    // records only depths above the default: 1 for a container, 0 otherwise).
    // Kept in the value, where it costs no room, rather than in a map keyed by
    // address: 100,000 tensors make some 300,000 containers.
    int nestingDepth() const { return qMax<int>(m_nestingDepth, isContainer() ? 1 : 0); }
    void setNestingDepth(int depth) {
        m_nestingDepth = static_cast<quint16>(qBound(0, depth, 0xffff));
    }

private:
    // Only the factories above create values; the token lets them use make_shared.
    struct Token {};
    static Ptr make(ValueKind kind);

public:
    InputValue(Token, ValueKind kind) : m_kind(kind) {}

private:
    ValueKind m_kind;
    quint16 m_nestingDepth = 0; // in the padding before m_scalar
    QVariant m_scalar;
    // Out of line: a pickle with 100,000 tensors creates some two million
    // values (ints, tuples, strings) that never need one, and their size is
    // what the reader's time and memory grow with.
    std::unique_ptr<TensorInfo> m_tensor;
    std::vector<Ptr> m_items;
    // What only dicts, objects, globals and bytes have, out of line for the
    // same reason as m_tensor.
    struct Extra {
        std::vector<Key> keys;
        QString className;
        std::vector<Ptr> arguments;
        qint64 byteLength = 0;
    };
    std::unique_ptr<Extra> m_extra;
    Extra& extra();
};

QString kindName(ValueKind kind);

} // namespace ds
