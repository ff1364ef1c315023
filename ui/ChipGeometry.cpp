#include "ChipGeometry.h"

namespace ds::ui {

namespace {

constexpr int kLeftMargin = 4;
constexpr int kTextPadding = 6;
constexpr int kSeparatorGap = 4;

} // namespace

ChipGeometry layoutChips(const QRect& cell, const QFontMetrics& metrics, const QStringList& texts) {
    ChipGeometry g;
    const int height = std::min(cell.height() - 2, metrics.height() + 4);
    const int top = cell.top() + (cell.height() - height) / 2;
    const int separatorWidth = metrics.horizontalAdvance(QChar(0x00d7)) + 2 * kSeparatorGap;
    const int baseline = cell.top() + (cell.height() + metrics.ascent() - metrics.descent()) / 2;
    int x = cell.left() + kLeftMargin;
    for (int i = 0; i < texts.size(); ++i) {
        if (i > 0) {
            g.separators.push_back(QPoint(x + kSeparatorGap, baseline));
            x += separatorWidth;
        }
        const int width = metrics.horizontalAdvance(texts[i]) + 2 * kTextPadding;
        g.chips.push_back(QRect(x, top, width, height));
        x += width;
    }
    g.width = x - cell.left() + kLeftMargin;
    return g;
}

int chipAt(const ChipGeometry& geometry, const QPoint& pos) {
    for (int i = 0; i < geometry.chips.size(); ++i)
        if (geometry.chips[i].contains(pos))
            return i;
    return -1;
}

} // namespace ds::ui
