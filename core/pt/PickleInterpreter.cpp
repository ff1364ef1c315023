#include "PickleInterpreter.h"

#include "PickleText.h"

namespace ds::pt {

Status PickleInterpreter::checkHashable(const InputValue& value, const char* role) {
    // Python hashes a tuple by hashing its items: a list anywhere inside one
    // makes it unhashable. A few levels and a thousand items are all a key or
    // a set item of real inputs has; more is refused rather than walked again
    // for every dict that reuses it.
    constexpr int kMaxVisited = 1000;
    std::vector<const InputValue*> pending{&value};
    for (int visited = 0; !pending.empty(); ++visited) {
        const InputValue* v = pending.back();
        pending.pop_back();
        if (!v)
            continue;
        if (visited >= kMaxVisited)
            return Error(QStringLiteral("a tuple of more than %1 values is %2")
                             .arg(kMaxVisited)
                             .arg(QLatin1String(role)));
        switch (v->kind()) {
        case ValueKind::List:
        case ValueKind::Dict:
        case ValueKind::Set:
            return Error(QStringLiteral("a %1%2 is %3 (unhashable in Python)")
                             .arg(v == &value ? QString() : QStringLiteral("tuple holding a "))
                             .arg(kindName(v->kind()))
                             .arg(QLatin1String(role)));
        case ValueKind::Tuple:
            for (const auto& item : v->items())
                pending.push_back(item.get());
            break;
        default:
            break;
        }
    }
    return okStatus();
}

Result<Key> PickleInterpreter::keyOf(const InputValue& key) {
    if (key.kind() == ValueKind::Str && key.scalar().isValid())
        return Key::str(key.scalar().toString());
    if (key.kind() == ValueKind::Int && key.scalar().isValid())
        return Key::integer(key.scalar().toLongLong());
    if (key.kind() == ValueKind::Bool && key.scalar().isValid())
        return Key::boolean(key.scalar().toBool());
    if (Status s = checkHashable(key, "used as a dict key"); !s)
        return s.error();
    warnOnce(QStringLiteral("dict keys of type %1 are shown as text").arg(kindName(key.kind())));
    return Key::str(describeKeyValue(key));
}

} // namespace ds::pt
