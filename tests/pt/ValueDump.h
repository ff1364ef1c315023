#pragma once

// The notation of tests/fixtures/make_pickle_cases.py for a value tree:
// None, True, 7, 1.5, 'text', bytes(3), [..], (..), {k: v}, set{..},
// Class(arg, ... | field=value, ...), globals by name, "int?" for big ints.
#include "InputValue.h"
#include "text/PythonRepr.h"

#include <QStringList>

namespace fixtures {

inline QString dump(const ds::InputValue& v);

inline QString dumpAll(const std::vector<ds::InputValue::Ptr>& items) {
    QStringList parts;
    for (const auto& item : items)
        parts << dump(*item);
    return parts.join(QStringLiteral(", "));
}

inline QString dumpKey(const ds::Key& k) {
    return k.isInt ? QString::number(k.intValue) : QStringLiteral("'%1'").arg(k.text);
}

inline QString dump(const ds::InputValue& v) {
    using ds::ValueKind;
    const QVariant& s = v.scalar();
    switch (v.kind()) {
    case ValueKind::None:
        return QStringLiteral("None");
    case ValueKind::Bool:
        return s.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    case ValueKind::Int:
        return s.isValid() ? QString::number(s.toLongLong()) : QStringLiteral("int?");
    case ValueKind::Float:
        return ds::text::pythonFloatRepr(s.toDouble());
    case ValueKind::Str:
        return QStringLiteral("'%1'").arg(s.toString());
    case ValueKind::Bytes:
        return QStringLiteral("bytes(%1)").arg(v.byteLength());
    case ValueKind::List:
        return QStringLiteral("[%1]").arg(dumpAll(v.items()));
    case ValueKind::Tuple:
        return QStringLiteral("(%1)").arg(dumpAll(v.items()));
    case ValueKind::Set:
        return QStringLiteral("set{%1}").arg(dumpAll(v.items()));
    case ValueKind::Dict: {
        QStringList parts;
        for (int i = 0; i < v.size(); ++i)
            parts << dumpKey(v.keys()[size_t(i)]) + QStringLiteral(": ") + dump(*v.at(i));
        return v.className() + QStringLiteral("{%1}").arg(parts.join(QStringLiteral(", ")));
    }
    case ValueKind::Object: {
        QStringList fields;
        for (int i = 0; i < v.size(); ++i)
            fields << v.keys()[size_t(i)].toString() + QLatin1Char('=') + dump(*v.at(i));
        return QStringLiteral("%1(%2 | %3)")
            .arg(v.className(), dumpAll(v.arguments()), fields.join(QStringLiteral(", ")));
    }
    case ValueKind::Global:
        return v.className();
    case ValueKind::Tensor:
        return QStringLiteral("tensor");
    }
    return QStringLiteral("?");
}

} // namespace fixtures
