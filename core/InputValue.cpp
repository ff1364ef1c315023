#include "InputValue.h"

namespace ds {

qint64 TensorInfo::numel() const {
    qint64 n = 1;
    for (qint64 d : shape)
        n *= d;
    return n;
}

InputValue::Ptr InputValue::make(ValueKind kind) {
    return std::make_shared<InputValue>(Token{}, kind); // one allocation for value and count
}

const TensorInfo& InputValue::tensorInfo() const {
    static const TensorInfo kNone;
    return m_tensor ? *m_tensor : kNone;
}

TensorInfo& InputValue::tensorInfo() {
    if (!m_tensor)
        m_tensor = std::make_unique<TensorInfo>();
    return *m_tensor;
}

InputValue::Extra& InputValue::extra() {
    if (!m_extra)
        m_extra = std::make_unique<Extra>();
    return *m_extra;
}

const std::vector<Key>& InputValue::keys() const {
    static const std::vector<Key> kNone;
    return m_extra ? m_extra->keys : kNone;
}

const QString& InputValue::className() const {
    static const QString kNone;
    return m_extra ? m_extra->className : kNone;
}

const std::vector<InputValue::Ptr>& InputValue::arguments() const {
    static const std::vector<Ptr> kNone;
    return m_extra ? m_extra->arguments : kNone;
}

InputValue::Ptr InputValue::none() {
    return make(ValueKind::None);
}

InputValue::Ptr InputValue::boolean(std::optional<bool> v) {
    Ptr p = make(ValueKind::Bool);
    if (v)
        p->m_scalar = *v;
    return p;
}

InputValue::Ptr InputValue::integer(std::optional<qint64> v) {
    Ptr p = make(ValueKind::Int);
    if (v)
        p->m_scalar = *v;
    return p;
}

InputValue::Ptr InputValue::floating(std::optional<double> v) {
    Ptr p = make(ValueKind::Float);
    if (v)
        p->m_scalar = *v;
    return p;
}

InputValue::Ptr InputValue::string(std::optional<QString> v) {
    Ptr p = make(ValueKind::Str);
    if (v)
        p->m_scalar = *v;
    return p;
}

InputValue::Ptr InputValue::bytes(qint64 length) {
    Ptr p = make(ValueKind::Bytes);
    p->extra().byteLength = length;
    return p;
}

InputValue::Ptr InputValue::tensor(TensorInfo info) {
    Ptr p = make(ValueKind::Tensor);
    p->m_tensor = std::make_unique<TensorInfo>(std::move(info));
    return p;
}

InputValue::Ptr InputValue::list(std::vector<Ptr> items) {
    Ptr p = make(ValueKind::List);
    p->m_items = std::move(items);
    return p;
}

InputValue::Ptr InputValue::tuple(std::vector<Ptr> items) {
    Ptr p = make(ValueKind::Tuple);
    p->m_items = std::move(items);
    return p;
}

InputValue::Ptr InputValue::set(std::vector<Ptr> items) {
    Ptr p = make(ValueKind::Set);
    p->m_items = std::move(items);
    return p;
}

InputValue::Ptr InputValue::dict() {
    return make(ValueKind::Dict);
}

InputValue::Ptr InputValue::object(const QString& className) {
    Ptr p = make(ValueKind::Object);
    p->extra().className = className;
    return p;
}

InputValue::Ptr InputValue::global(const QString& qualifiedName) {
    Ptr p = make(ValueKind::Global);
    p->extra().className = qualifiedName;
    return p;
}

void InputValue::append(Ptr item) {
    m_items.push_back(std::move(item));
}

void InputValue::insert(const Key& key, Ptr value) {
    const int i = indexOf(key);
    if (i >= 0) {
        m_items[static_cast<size_t>(i)] = std::move(value);
        return;
    }
    extra().keys.push_back(key);
    m_items.push_back(std::move(value));
}

void InputValue::appendEntry(const Key& key, Ptr value) {
    extra().keys.push_back(key);
    m_items.push_back(std::move(value));
}

void InputValue::reserveEntries(int count) {
    const size_t wanted = m_items.size() + static_cast<size_t>(count);
    extra().keys.reserve(wanted);
    m_items.reserve(wanted);
}

void InputValue::replaceItem(int index, Ptr value) {
    m_items[static_cast<size_t>(index)] = std::move(value);
}

int InputValue::indexOf(const Key& key) const {
    const std::vector<Key>& all = keys();
    for (size_t i = 0; i < all.size(); ++i)
        if (all[i] == key)
            return static_cast<int>(i);
    return -1;
}

InputValue::Ptr InputValue::value(const Key& key) const {
    const int i = indexOf(key);
    return i < 0 ? nullptr : m_items[static_cast<size_t>(i)];
}

void InputValue::clearItems() {
    m_items.clear();
    if (m_extra)
        m_extra->keys.clear();
}

QString InputValue::shortClassName() const {
    const QString& name = className();
    const int dot = name.lastIndexOf(QLatin1Char('.'));
    return dot < 0 ? name : name.mid(dot + 1);
}

QString kindName(ValueKind kind) {
    switch (kind) {
    case ValueKind::None:
        return QStringLiteral("None");
    case ValueKind::Bool:
        return QStringLiteral("bool");
    case ValueKind::Int:
        return QStringLiteral("int");
    case ValueKind::Float:
        return QStringLiteral("float");
    case ValueKind::Str:
        return QStringLiteral("str");
    case ValueKind::Bytes:
        return QStringLiteral("bytes");
    case ValueKind::Tensor:
        return QStringLiteral("tensor");
    case ValueKind::List:
        return QStringLiteral("list");
    case ValueKind::Tuple:
        return QStringLiteral("tuple");
    case ValueKind::Set:
        return QStringLiteral("set");
    case ValueKind::Dict:
        return QStringLiteral("dict");
    case ValueKind::Object:
        return QStringLiteral("object");
    case ValueKind::Global:
        return QStringLiteral("global");
    }
    return QStringLiteral("?");
}

} // namespace ds
