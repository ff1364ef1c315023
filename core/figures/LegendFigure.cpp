#include "LegendFigure.h"

namespace ds::figures {

namespace {

// matplotlib's rcParams figure.subplot.* defaults, as fractions of the figure.
constexpr double kSubplotLeft = 0.125;
constexpr double kSubplotRight = 0.9;
constexpr double kSubplotBottom = 0.11;
constexpr double kSubplotTop = 0.88;
constexpr double kAxisMax = 5.0; // ax.axis([0, 5, 0, 5])

constexpr double kPointsPerInch = 72.0;
constexpr int kMinSizePx = 50;
constexpr int kMaxSizePx = 4000;

} // namespace

LegendFigureLayout layoutLegendFigure(const LegendFigure& figure) {
    const double size = figure.sizePx;
    const double dpi = size / LegendFigure::kFigureInches;
    auto points = [dpi](double pt) { return pt * dpi / kPointsPerInch; };

    LegendFigureLayout layout;
    layout.axes =
        QRectF(kSubplotLeft * size, (1.0 - kSubplotTop) * size,
               (kSubplotRight - kSubplotLeft) * size, (kSubplotTop - kSubplotBottom) * size);
    // Data coordinates grow upwards, pixels downwards.
    auto toPixels = [&](double x, double y) {
        return QPointF(layout.axes.left() + x / kAxisMax * layout.axes.width(),
                       layout.axes.bottom() - y / kAxisMax * layout.axes.height());
    };
    layout.endBaseline = toPixels(2.5, 4.0);
    layout.textCentre = toPixels(2.5, 2.5);
    layout.bottomBaseline = toPixels(4.5, 0.5);
    layout.endFontPx = points(10);
    layout.textFontPx = points(15);
    layout.bottomFontPx = points(7);
    layout.boxPadPx = points(10);
    layout.boxEdgePx = points(0.5);
    QColor fill = figure.color;
    fill.setAlphaF(float(LegendFigure::kBoxAlpha * figure.color.alphaF()));
    layout.boxFill = fill;
    layout.boxEdge = QColor(0xee, 0xee, 0xee, 128);
    return layout;
}

QString unescapeFigureText(const QString& text) {
    QString out = text;
    out.replace(QLatin1String("\\n"), QLatin1String("\n"));
    return out;
}

Result<int> parseFigureSize(const QString& text) {
    bool ok = false;
    const int size = text.trimmed().toInt(&ok);
    if (!ok || size < kMinSizePx || size > kMaxSizePx)
        return Error(QStringLiteral("--size expects a whole number of pixels between %1 and %2, "
                                    "not '%3'")
                         .arg(kMinSizePx)
                         .arg(kMaxSizePx)
                         .arg(text));
    return size;
}

} // namespace ds::figures
