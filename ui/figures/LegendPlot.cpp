#include "LegendPlot.h"

#include "FigureFonts.h"
#include "FigureScrollArea.h"
#include "MatplotlibTextLayout.h"

namespace ds::ui::figures {

LegendPlot::LegendPlot(QWidget* parent) : QCustomPlot(parent) {
    // Nothing to click or type in: the scroll area around it takes the focus.
    setFocusPolicy(Qt::NoFocus);
    setFigure(ds::figures::LegendFigure{});
}

// No zoom: the wheel scrolls the panel.
void LegendPlot::wheelEvent(QWheelEvent* event) {
    passWheelToScrollArea(this, event);
}

void LegendPlot::setFigure(const ds::figures::LegendFigure& figure) {
    m_figure = figure;
    const ds::figures::LegendFigureLayout layout = ds::figures::layoutLegendFigure(figure);
    clearItems();
    clearPlottables();
    setFixedSize(figureSize());
    setViewport(rect()); // a hidden widget would learn its size only when shown
    setBackground(Qt::white);

    // ax.axis([0, 5, 0, 5]) then ax.set_axis_off(): the axes keep their place,
    // nothing of them is drawn.
    for (QCPAxis* axis : axisRect()->axes())
        axis->setVisible(false);
    xAxis->setRange(0, 5);
    yAxis->setRange(0, 5);
    legend->setVisible(false);
    const QRect axes = layout.axes.toRect();
    axisRect()->setAutoMargins(QCP::msNone);
    axisRect()->setMargins(QMargins(axes.left(), axes.top(), figure.sizePx - axes.right() - 1,
                                    figure.sizePx - axes.bottom() - 1));

    placeBaselineText(QStringLiteral("END"), layout.endBaseline, layout.endFontPx,
                      Qt::AlignHCenter);

    // The box first, so that the text is drawn over it.
    const QFont textFont = figureFont(layout.textFontPx);
    const QStringList lines = figure.text.split(QLatin1Char('\n'));
    const TextBlockLayout block = layoutTextLikeMatplotlib(lines, textFont);
    const QPointF blockTopLeft = layout.textCentre - QPointF(block.width / 2, block.height / 2);
    const double pad = layout.boxPadPx;
    m_box = new QCPItemRect(this);
    m_box->setClipToAxisRect(false);
    m_box->topLeft->setType(QCPItemPosition::ptAbsolute);
    m_box->bottomRight->setType(QCPItemPosition::ptAbsolute);
    m_box->topLeft->setCoords(blockTopLeft - QPointF(pad, pad));
    m_box->bottomRight->setCoords(blockTopLeft + QPointF(block.width + pad, block.height + pad));
    m_box->setBrush(layout.boxFill);
    m_box->setPen(QPen(layout.boxEdge, layout.boxEdgePx));
    // ha="center" centres every line, not only the block.
    for (int i = 0; i < lines.size(); ++i)
        placeBaselineText(
            lines.at(i),
            QPointF(layout.textCentre.x(), blockTopLeft.y() + block.baselines[size_t(i)]),
            layout.textFontPx, Qt::AlignHCenter);

    if (!figure.bottomText.isEmpty())
        placeBaselineText(figure.bottomText, layout.bottomBaseline, layout.bottomFontPx,
                          Qt::AlignRight);
    replot(QCustomPlot::rpImmediateRefresh);
}

QRectF LegendPlot::boxRect() const {
    return QRectF(m_box->topLeft->pixelPosition(), m_box->bottomRight->pixelPosition());
}

// matplotlib anchors these texts on their baseline; QCustomPlot aligns a box, so
// the box's bottom goes one descent below the baseline.
void LegendPlot::placeBaselineText(const QString& text, QPointF baseline, double fontPx,
                                   Qt::Alignment horizontal) {
    const QFont font = figureFont(fontPx);
    auto* item = new QCPItemText(this);
    item->setClipToAxisRect(false);
    item->position->setType(QCPItemPosition::ptAbsolute);
    item->position->setCoords(baseline.x(), baseline.y() + QFontMetricsF(font).descent());
    item->setPositionAlignment(horizontal | Qt::AlignBottom);
    item->setTextAlignment(horizontal);
    item->setFont(font);
    item->setColor(Qt::black);
    item->setText(text);
}

} // namespace ds::ui::figures
