#pragma once

#include "figures/ShapeMap.h"

#include <qcustomplot.h>

namespace ds::ui::figures {

// The shape map drawn with QCustomPlot: one row per tensor labelled with its
// path on the left axis, one coloured cell per dimension (columns labelled on
// the top axis), title, summary and a legend with the count of each state.
// The widget sizes itself to its content; a scroll area shows large maps.
class ShapeMapPlot : public QCustomPlot {
public:
    explicit ShapeMapPlot(QWidget* parent = nullptr);

    void setShapeMap(const ds::figures::ShapeMap& map);
    const ds::figures::ShapeMap& shapeMap() const { return m_map; }
    QSize figureSize() const { return size(); }
    // Where the cell of page row `row`, dimension `dim` is drawn, in pixels.
    QRect cellRect(int row, int dim) const;

    static constexpr double kFigureDpi = 96.0;

private:
    void setUpAxes();
    void addTitles();
    void addLegend();
    void addCells();
    void addCell(int row, const ds::figures::ShapeMapCell& cell);
    void fitToContent();
    void resizeNow(QSize size);

    ds::figures::ShapeMap m_map;
    int m_cellWidth = 0;
    int m_cellHeight = 0;
};

} // namespace ds::ui::figures
