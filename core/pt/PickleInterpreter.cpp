#include "PickleInterpreter.h"

#include "PickleText.h"

namespace ds::pt {

Result<Key> PickleInterpreter::keyOf(const InputValue& key) {
    if (key.kind() == ValueKind::Str && key.scalar().isValid())
        return Key::str(key.scalar().toString());
    if (key.kind() == ValueKind::Int && key.scalar().isValid())
        return Key::integer(key.scalar().toLongLong());
    if (key.kind() == ValueKind::Bool && key.scalar().isValid())
        return Key::boolean(key.scalar().toBool());
    switch (key.kind()) {
    case ValueKind::List:
    case ValueKind::Dict:
    case ValueKind::Set:
        return Error(QStringLiteral("a %1 is used as a dict key (unhashable in Python)")
                         .arg(kindName(key.kind())));
    default:
        break;
    }
    warnOnce(QStringLiteral("dict keys of type %1 are shown as text").arg(kindName(key.kind())));
    return Key::str(describeKeyValue(key));
}

} // namespace ds::pt
