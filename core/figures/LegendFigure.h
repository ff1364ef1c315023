#pragma once

#include "Result.h"

#include <QColor>
#include <QPointF>
#include <QRectF>
#include <QString>

namespace ds::figures {

// onnx-diagnostic's doc.plot_legend(text, text_bottom, color): a 2×2 inch
// matplotlib figure, axes [0, 5]×[0, 5] hidden, "END" at (2.5, 4), `text` centred
// at (2.5, 2.5) on a box of `color` at half opacity, `bottomText` right-aligned
// at (4.5, 0.5).
struct LegendFigure {
    QString text;
    QString bottomText;
    QColor color = QColor(0, 128, 0); // matplotlib's "green", plot_legend's default
    int sizePx = 200;                 // 2 inches at matplotlib's default 100 dpi

    static constexpr int kDefaultSizePx = 200;
    static constexpr double kFigureInches = 2.0;
    static constexpr double kBoxAlpha = 0.5;
};

// Where matplotlib puts each part, in figure pixels (origin at the top left), so
// that the renderer and the tests agree without asking matplotlib.
struct LegendFigureLayout {
    QRectF axes;             // default subplot parameters: left .125, right .9, bottom .11, top .88
    QPointF endBaseline;     // "END": centred horizontally, on its baseline
    QPointF textCentre;      // the main text and its box: centred both ways
    QPointF bottomBaseline;  // bottom text: right end of its baseline
    double endFontPx = 0;    // 10 pt
    double textFontPx = 0;   // 15 pt
    double bottomFontPx = 0; // 7 pt
    double boxPadPx = 0;     // bbox pad=10 points
    double boxEdgePx = 0;    // 0.5 pt edge of the ggplot style the documentation uses
    QColor boxFill;          // `color` at half opacity
    QColor boxEdge;          // ggplot's patch.edgecolor #eeeeee at half opacity
};

LegendFigureLayout layoutLegendFigure(const LegendFigure& figure);

// Command-line text: the two characters `\n` start a new line, as in the Python call.
QString unescapeFigureText(const QString& text);

// --size: a square figure between 50 and 4000 pixels.
Result<int> parseFigureSize(const QString& text);

} // namespace ds::figures
