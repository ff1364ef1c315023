#include "ExportOutcomeText.h"

#include "analysis/DimSpecText.h"

namespace ds::itemmodels {

namespace {

QString rangeText(const exported::ExportedSize& size) {
    return QStringLiteral("[%1, %2]")
        .arg(size.min ? QString::number(*size.min) : QStringLiteral("0"),
             size.max ? QString::number(*size.max) : QStringLiteral("\u221e"));
}

} // namespace

QString exportOutcomeText(const exported::DimOutcomeRow& row) {
    const exported::ExportedSize& e = row.exported;
    switch (row.status) {
    case exported::DimOutcome::Kept:
        return QStringLiteral("kept %1 %2").arg(e.expr, rangeText(e));
    case exported::DimOutcome::Specialized:
        return QStringLiteral("constant %1").arg(e.value);
    case exported::DimOutcome::Merged:
        return QStringLiteral("merged %1").arg(e.expr);
    case exported::DimOutcome::Bounds:
        return QStringLiteral("range %1").arg(rangeText(e));
    case exported::DimOutcome::Extra:
        return QStringLiteral("dynamic %1").arg(e.expr);
    case exported::DimOutcome::Static:
        return QString();
    }
    return QString();
}

QString exportOutcomeTooltip(const exported::DimOutcomeRow& row) {
    QString text =
        QStringLiteral("%1\nasked: %2\nexported: %3")
            .arg(exported::outcomeName(row.status), analysis::dimSpecLabel(row.requested),
                 row.exported.constant
                     ? QString::number(row.exported.value)
                     : row.exported.expr + QLatin1Char(' ') + rangeText(row.exported));
    if (!row.input.isEmpty())
        text += QStringLiteral("\ninput: %1").arg(row.input);
    if (!row.detail.isEmpty())
        text += QLatin1Char('\n') + row.detail;
    return text;
}

QColor exportOutcomeColor(exported::DimOutcome outcome) {
    switch (outcome) {
    case exported::DimOutcome::Specialized:
        return QColor(0xb0, 0x30, 0x20);
    case exported::DimOutcome::Merged:
        return QColor(0x80, 0x40, 0xa0);
    case exported::DimOutcome::Bounds:
        return QColor(0xa0, 0x60, 0x00);
    case exported::DimOutcome::Extra:
        return QColor(0x20, 0x60, 0xb0);
    case exported::DimOutcome::Kept:
    case exported::DimOutcome::Static:
        break;
    }
    return QColor();
}

} // namespace ds::itemmodels
