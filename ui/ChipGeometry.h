#pragma once

#include <QFontMetrics>
#include <QRect>
#include <QStringList>
#include <QVector>

namespace ds::ui {

// Where each dimension chip of a shape cell goes. Painting and hit-testing
// use the same function, so a click lands on the chip that was drawn there.
struct ChipGeometry {
    QVector<QRect> chips;
    QVector<QPoint> separators; // baseline positions of the " × " between chips
    int width = 0;              // from the cell's left edge to the end of the last chip
};

ChipGeometry layoutChips(const QRect& cell, const QFontMetrics& metrics, const QStringList& texts);
// -1 when `pos` is on no chip.
int chipAt(const ChipGeometry& geometry, const QPoint& pos);

} // namespace ds::ui
