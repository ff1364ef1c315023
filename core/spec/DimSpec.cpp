#include "DimSpec.h"

namespace ds::spec {

DimSpec DimSpec::named(const QString& name, std::optional<qint64> min, std::optional<qint64> max) {
    DimSpec d;
    d.kind = Kind::Named;
    d.name = name;
    d.min = min;
    d.max = max;
    return d;
}

DimSpec DimSpec::makeHint(HintKind hint, std::optional<qint64> min, std::optional<qint64> max) {
    DimSpec d;
    d.kind = Kind::Hint;
    d.hint = hint;
    d.min = min;
    d.max = max;
    return d;
}

DimSpec DimSpec::derived(const QString& base, qint64 mul, qint64 add) {
    DimSpec d;
    d.kind = Kind::Derived;
    d.name = base;
    d.mul = mul;
    d.add = add;
    return d;
}

QString DimSpec::displayText() const {
    switch (kind) {
    case Kind::Static:
        return fixedValue ? QString::number(*fixedValue) : QStringLiteral("static");
    case Kind::Named:
        return name;
    case Kind::Hint:
        return QStringLiteral("Dim.") + hintName(hint);
    case Kind::Derived: {
        QString text = mul == 1 ? name : QStringLiteral("%1*%2").arg(mul).arg(name);
        if (add > 0)
            text += QStringLiteral(" + %1").arg(add);
        else if (add < 0)
            text += QStringLiteral(" - %1").arg(-add);
        return text;
    }
    }
    return QString();
}

bool DimSpec::operator==(const DimSpec& o) const {
    if (kind != o.kind)
        return false;
    switch (kind) {
    case Kind::Static:
        return fixedValue == o.fixedValue;
    case Kind::Named:
        return name == o.name && min == o.min && max == o.max;
    case Kind::Hint:
        return hint == o.hint && min == o.min && max == o.max;
    case Kind::Derived:
        return name == o.name && mul == o.mul && add == o.add;
    }
    return false;
}

QString hintName(DimSpec::HintKind hint) {
    switch (hint) {
    case DimSpec::HintKind::Auto:
        return QStringLiteral("AUTO");
    case DimSpec::HintKind::Dynamic:
        return QStringLiteral("DYNAMIC");
    case DimSpec::HintKind::Static:
        return QStringLiteral("STATIC");
    }
    return QString();
}

std::optional<DimSpec::HintKind> hintFromName(const QString& name) {
    if (name == QLatin1String("AUTO"))
        return DimSpec::HintKind::Auto;
    if (name == QLatin1String("DYNAMIC"))
        return DimSpec::HintKind::Dynamic;
    if (name == QLatin1String("STATIC"))
        return DimSpec::HintKind::Static;
    return std::nullopt;
}

} // namespace ds::spec
