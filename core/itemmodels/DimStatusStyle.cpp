#include "DimStatusStyle.h"

namespace ds::itemmodels {

QColor dimStatusColor(analysis::DimStatus status) {
    switch (status) {
    case analysis::DimStatus::Same:
        return QColor();
    case analysis::DimStatus::OnlyHere:
        return QColor(0xe6, 0x7e, 0x22); // orange: dynamic only in the current spec
    case analysis::DimStatus::OnlyReference:
        return QColor(0x8e, 0x44, 0xad); // purple: dynamic only in the reference
    case analysis::DimStatus::Grouping:
        return QColor(0xc0, 0x39, 0x2b); // red: shared with different dims
    case analysis::DimStatus::Bounds:
        return QColor(0xb7, 0x95, 0x0b); // dark yellow: same name, other min/max
    }
    return QColor();
}

QColor dimStatusTint(analysis::DimStatus status) {
    const QColor base = dimStatusColor(status);
    if (!base.isValid())
        return base;
    QColor tint = base;
    tint.setAlpha(55);
    return tint;
}

QString dimStatusPhrase(analysis::DimStatus status) {
    switch (status) {
    case analysis::DimStatus::Same:
        return QStringLiteral("same");
    case analysis::DimStatus::OnlyHere:
        return QStringLiteral("dynamic only here");
    case analysis::DimStatus::OnlyReference:
        return QStringLiteral("dynamic only in the reference");
    case analysis::DimStatus::Grouping:
        return QStringLiteral("grouped differently");
    case analysis::DimStatus::Bounds:
        return QStringLiteral("different min/max");
    }
    return QString();
}

} // namespace ds::itemmodels
