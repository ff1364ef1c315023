#pragma once

#include "figures/LegendFigure.h"

#include <qcustomplot.h>

namespace ds::ui::figures {

// onnx-diagnostic's plot_legend drawn with QCustomPlot: hidden axes over
// matplotlib's default subplot area, text items and the box placed where
// matplotlib places them (ds::figures::layoutLegendFigure, layoutTextLikeMatplotlib).
class LegendPlot : public QCustomPlot {
public:
    explicit LegendPlot(QWidget* parent = nullptr);

    void setFigure(const ds::figures::LegendFigure& figure);
    const ds::figures::LegendFigure& figure() const { return m_figure; }
    // The figure's own size: 2 inches at sizePx / 2 dpi.
    QSize figureSize() const { return {m_figure.sizePx, m_figure.sizePx}; }
    double figureDpi() const { return m_figure.sizePx / ds::figures::LegendFigure::kFigureInches; }
    // The coloured box around the main text, in pixels.
    QRectF boxRect() const;

protected:
    void wheelEvent(QWheelEvent* event) override;

private:
    void placeBaselineText(const QString& text, QPointF baseline, double fontPx,
                           Qt::Alignment horizontal);

    ds::figures::LegendFigure m_figure;
    QCPItemRect* m_box = nullptr;
};

} // namespace ds::ui::figures
