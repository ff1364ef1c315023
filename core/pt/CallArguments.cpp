#include "CallArguments.h"

namespace ds::pt {

namespace {

QString kindOf(const InputValue& v) {
    if (v.kind() == ValueKind::Global || v.kind() == ValueKind::Object)
        return v.className();
    return QStringLiteral("a ") + kindName(v.kind());
}

} // namespace

Error CallArguments::error(int i, const char* what, const QString& problem) const {
    return Error(QStringLiteral("%1: argument %2 (%3) %4")
                     .arg(m_function)
                     .arg(i + 1)
                     .arg(QString::fromLatin1(what), problem));
}

Status CallArguments::requireCount(int atLeast, int atMost) const {
    if (count() >= atLeast && count() <= atMost)
        return okStatus();
    const QString expected = atLeast == atMost
                                 ? QString::number(atLeast)
                                 : QStringLiteral("%1 to %2").arg(atLeast).arg(atMost);
    return Error(QStringLiteral("%1 takes %2 arguments, the file passes %3")
                     .arg(m_function, expected)
                     .arg(count()));
}

Result<qint64> CallArguments::integer(int i, const char* what) const {
    const InputValue& v = *at(i);
    if (v.kind() == ValueKind::Int && v.scalar().isValid())
        return v.scalar().toLongLong();
    if (v.kind() == ValueKind::Int)
        return error(i, what, QStringLiteral("does not fit in 64 bits"));
    return error(i, what, QStringLiteral("must be an int, got %1").arg(kindOf(v)));
}

Result<bool> CallArguments::boolean(int i, const char* what) const {
    const InputValue& v = *at(i);
    if ((v.kind() == ValueKind::Bool || v.kind() == ValueKind::Int) && v.scalar().isValid())
        return v.scalar().toBool();
    return error(i, what, QStringLiteral("must be a bool, got %1").arg(kindOf(v)));
}

Result<QString> CallArguments::string(int i, const char* what) const {
    const InputValue& v = *at(i);
    if (v.kind() == ValueKind::Str && v.scalar().isValid())
        return v.scalar().toString();
    return error(i, what, QStringLiteral("must be a str, got %1").arg(kindOf(v)));
}

Result<std::vector<qint64>> CallArguments::integers(int i, const char* what, int maxCount) const {
    const InputValue& v = *at(i);
    if (v.kind() != ValueKind::Tuple && v.kind() != ValueKind::List)
        return error(i, what, QStringLiteral("must be a tuple of ints, got %1").arg(kindOf(v)));
    if (v.size() > maxCount)
        return error(i, what,
                     QStringLiteral("has %1 entries, more than the limit of %2")
                         .arg(v.size())
                         .arg(maxCount));
    std::vector<qint64> out;
    out.reserve(static_cast<size_t>(v.size()));
    for (const auto& item : v.items()) {
        if (!item || item->kind() != ValueKind::Int || !item->scalar().isValid())
            return error(i, what, QStringLiteral("must be a tuple of 64-bit ints"));
        out.push_back(item->scalar().toLongLong());
    }
    return out;
}

Result<DType> CallArguments::dtype(int i, const char* what) const {
    const InputValue& v = *at(i);
    if (v.kind() != ValueKind::Global || !v.className().startsWith(QLatin1String("torch.")))
        return error(i, what, QStringLiteral("must be a torch dtype, got %1").arg(kindOf(v)));
    return dtypeFromTorchName(v.className());
}

} // namespace ds::pt
