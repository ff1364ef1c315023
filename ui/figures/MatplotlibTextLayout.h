#pragma once

#include <QFont>
#include <QStringList>

#include <vector>

namespace ds::ui::figures {

// Multi-line text laid out the way matplotlib's Text does it (Text._get_layout),
// not the way Qt does: each baseline 1.2 × the ink ascent of "lp" below the
// bottom of the previous line, the block running from the first line's ink top
// to the last line's descent. The legend's box is sized from this block.
struct TextBlockLayout {
    double width = 0;              // widest line
    double height = 0;             // first line's top to last line's descent
    std::vector<double> baselines; // from the block's top, one per line
    std::vector<double> widths;    // each line's advance
};

TextBlockLayout layoutTextLikeMatplotlib(const QStringList& lines, const QFont& font);

} // namespace ds::ui::figures
