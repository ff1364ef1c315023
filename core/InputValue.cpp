#include "InputValue.h"

namespace ds {

qint64 TensorInfo::numel() const {
    qint64 n = 1;
    for (qint64 d : shape)
        n *= d;
    return n;
}

InputValue::Ptr InputValue::none() {
    return Ptr(new InputValue(ValueKind::None));
}

InputValue::Ptr InputValue::boolean(std::optional<bool> v) {
    Ptr p(new InputValue(ValueKind::Bool));
    if (v)
        p->m_scalar = *v;
    return p;
}

InputValue::Ptr InputValue::integer(std::optional<qint64> v) {
    Ptr p(new InputValue(ValueKind::Int));
    if (v)
        p->m_scalar = *v;
    return p;
}

InputValue::Ptr InputValue::floating(std::optional<double> v) {
    Ptr p(new InputValue(ValueKind::Float));
    if (v)
        p->m_scalar = *v;
    return p;
}

InputValue::Ptr InputValue::string(std::optional<QString> v) {
    Ptr p(new InputValue(ValueKind::Str));
    if (v)
        p->m_scalar = *v;
    return p;
}

InputValue::Ptr InputValue::bytes(qint64 length) {
    Ptr p(new InputValue(ValueKind::Bytes));
    p->m_byteLength = length;
    return p;
}

InputValue::Ptr InputValue::tensor(TensorInfo info) {
    Ptr p(new InputValue(ValueKind::Tensor));
    p->m_tensor = std::move(info);
    return p;
}

InputValue::Ptr InputValue::list(std::vector<Ptr> items) {
    Ptr p(new InputValue(ValueKind::List));
    p->m_items = std::move(items);
    return p;
}

InputValue::Ptr InputValue::tuple(std::vector<Ptr> items) {
    Ptr p(new InputValue(ValueKind::Tuple));
    p->m_items = std::move(items);
    return p;
}

InputValue::Ptr InputValue::set(std::vector<Ptr> items) {
    Ptr p(new InputValue(ValueKind::Set));
    p->m_items = std::move(items);
    return p;
}

InputValue::Ptr InputValue::dict() {
    return Ptr(new InputValue(ValueKind::Dict));
}

InputValue::Ptr InputValue::object(const QString& className) {
    Ptr p(new InputValue(ValueKind::Object));
    p->m_className = className;
    return p;
}

InputValue::Ptr InputValue::global(const QString& qualifiedName) {
    Ptr p(new InputValue(ValueKind::Global));
    p->m_className = qualifiedName;
    return p;
}

bool InputValue::isContainer() const {
    switch (m_kind) {
    case ValueKind::List:
    case ValueKind::Tuple:
    case ValueKind::Set:
    case ValueKind::Dict:
    case ValueKind::Object:
        return true;
    default:
        return false;
    }
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
    m_keys.push_back(key);
    m_items.push_back(std::move(value));
}

void InputValue::appendEntry(const Key& key, Ptr value) {
    m_keys.push_back(key);
    m_items.push_back(std::move(value));
}

void InputValue::replaceItem(int index, Ptr value) {
    m_items[static_cast<size_t>(index)] = std::move(value);
}

int InputValue::indexOf(const Key& key) const {
    for (size_t i = 0; i < m_keys.size(); ++i)
        if (m_keys[i] == key)
            return static_cast<int>(i);
    return -1;
}

InputValue::Ptr InputValue::value(const Key& key) const {
    const int i = indexOf(key);
    return i < 0 ? nullptr : m_items[static_cast<size_t>(i)];
}

void InputValue::clearItems() {
    m_items.clear();
    m_keys.clear();
}

QString InputValue::shortClassName() const {
    const int dot = m_className.lastIndexOf(QLatin1Char('.'));
    return dot < 0 ? m_className : m_className.mid(dot + 1);
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
