#include "LegendPreview.h"

#include "LegendPlot.h"

#include <QPainter>

namespace ds::ui::figures {

namespace {

constexpr double kMinScale = 0.4; // below this the texts are too small to read

} // namespace

LegendPreview::LegendPreview(LegendPlot& plot, QWidget* parent) : QWidget(parent), m_plot(plot) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void LegendPreview::figureChanged() {
    m_drawn = QPixmap();
    updateGeometry();
    update();
}

double LegendPreview::scale() const {
    const QSize figure = m_plot.figureSize();
    const double fit =
        std::min(double(width()) / figure.width(), double(height()) / figure.height());
    return std::clamp(fit, kMinScale, 1.0);
}

QSize LegendPreview::sizeHint() const {
    return m_plot.figureSize();
}

QSize LegendPreview::minimumSizeHint() const {
    return m_plot.figureSize() * kMinScale;
}

void LegendPreview::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    m_drawn = QPixmap();
}

void LegendPreview::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    if (m_drawn.isNull()) {
        // QCustomPlot lays the figure out at its own size and paints it scaled:
        // texts stay sharp.
        const QSize figure = m_plot.figureSize();
        m_drawn = m_plot.toPixmap(figure.width(), figure.height(), scale());
    }
    painter.drawPixmap(0, 0, m_drawn);
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(QRectF(m_drawn.rect()).adjusted(0.5, 0.5, -0.5, -0.5));
}

} // namespace ds::ui::figures
