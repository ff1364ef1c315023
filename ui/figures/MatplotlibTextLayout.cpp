#include "MatplotlibTextLayout.h"

#include <QFontMetricsF>

#include <algorithm>

namespace ds::ui::figures {

namespace {

constexpr double kLineSpacing = 1.2; // matplotlib's Text linespacing default

// Ink height and descent of a line, as matplotlib's Agg backend measures it.
struct InkMetrics {
    double height = 0;
    double descent = 0;
};

InkMetrics ink(const QFontMetricsF& metrics, const QString& text) {
    const QRectF box = metrics.tightBoundingRect(text);
    return {box.height(), std::max(0.0, box.bottom())};
}

} // namespace

TextBlockLayout layoutTextLikeMatplotlib(const QStringList& lines, const QFont& font) {
    const QFontMetricsF metrics(font);
    // Every line is at least as tall and as deep as "lp".
    const InkMetrics lp = ink(metrics, QStringLiteral("lp"));
    const double minStep = (lp.height - lp.descent) * kLineSpacing;

    TextBlockLayout layout;
    double baseline = 0;
    double lastDescent = lp.descent;
    for (int i = 0; i < lines.size(); ++i) {
        const InkMetrics line = ink(metrics, lines.at(i));
        const double height = std::max(line.height, lp.height);
        const double descent = std::max(line.descent, lp.descent);
        // The next baseline sits the spacing below the previous line's bottom.
        baseline += i == 0 ? height - descent
                           : lastDescent + std::max(minStep, (height - descent) * kLineSpacing);
        layout.baselines.push_back(baseline);
        const double width = metrics.horizontalAdvance(lines.at(i));
        layout.widths.push_back(width);
        layout.width = std::max(layout.width, width);
        lastDescent = descent;
    }
    layout.height = baseline + lastDescent;
    return layout;
}

} // namespace ds::ui::figures
