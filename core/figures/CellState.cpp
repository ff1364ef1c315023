#include "CellState.h"

#include "FigureColors.h"

namespace ds::figures {

QString cellStateLabel(CellState state) {
    switch (state) {
    case CellState::Static:
        return QStringLiteral("static");
    case CellState::Dynamic:
        return QStringLiteral("dynamic");
    case CellState::OnlyHere:
        return QStringLiteral("only here");
    case CellState::OnlyReference:
        return QStringLiteral("only in the reference");
    case CellState::Grouping:
        return QStringLiteral("grouping differs");
    case CellState::Bounds:
        return QStringLiteral("bounds differ");
    }
    return QString();
}

QColor cellStateColor(CellState state) {
    constexpr double kAlpha = 0.5;
    switch (state) {
    case CellState::Static:
        return overWhite(QColor(0xc0, 0xc0, 0xc0), kAlpha); // silver
    case CellState::Dynamic:
        return overWhite(QColor(0x00, 0x80, 0x00), kAlpha); // green
    case CellState::OnlyHere:
        return overWhite(QColor(0xff, 0xa5, 0x00), kAlpha); // orange
    case CellState::OnlyReference:
        return overWhite(QColor(0x00, 0x00, 0xff), kAlpha); // blue
    case CellState::Grouping:
        return overWhite(QColor(0xff, 0x00, 0x00), kAlpha); // red
    case CellState::Bounds:
        return overWhite(QColor(0x80, 0x00, 0x80), kAlpha); // purple
    }
    return Qt::white;
}

CellState cellStateFor(const spec::DimSpec& here, const analysis::DimComparison* comparison) {
    if (!comparison)
        return here.isDynamic() ? CellState::Dynamic : CellState::Static;
    switch (comparison->status) {
    case analysis::DimStatus::Same:
        return here.isDynamic() ? CellState::Dynamic : CellState::Static;
    case analysis::DimStatus::OnlyHere:
        return CellState::OnlyHere;
    case analysis::DimStatus::OnlyReference:
        return CellState::OnlyReference;
    case analysis::DimStatus::Grouping:
        return CellState::Grouping;
    case analysis::DimStatus::Bounds:
        return CellState::Bounds;
    }
    return CellState::Static;
}

} // namespace ds::figures
