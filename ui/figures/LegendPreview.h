#pragma once

#include <QPixmap>
#include <QWidget>

namespace ds::ui::figures {

class LegendPlot;

// The legend figure on screen: drawn by its LegendPlot (which is what gets
// saved), scaled down when the panel is smaller than the figure so that it is
// seen whole, never scaled up. Drawn again at the new scale, not stretched.
class LegendPreview : public QWidget {
public:
    explicit LegendPreview(LegendPlot& plot, QWidget* parent = nullptr);

    // After the plot's figure changed.
    void figureChanged();
    // How the figure is shown: 1 at its own size.
    double scale() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    LegendPlot& m_plot;
    QPixmap m_drawn; // at the current scale; null when out of date
};

} // namespace ds::ui::figures
