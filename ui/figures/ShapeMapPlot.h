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
    // Figure: the command line's and the saved files' layout. Docked: the
    // Figures panel's, where room is short: no title (the window and the tab
    // say what it is), the summary wrapped after its commas rather than widen
    // the map, and only the states that occur in the legend.
    // Applies from the next setShapeMap().
    enum class Presentation { Figure, Docked };
    void setPresentation(Presentation presentation) { m_presentation = presentation; }
    // Docked: the width the summary may take before it wraps (the panel's).
    void setAvailableWidth(int pixels) { m_availableWidth = pixels; }
    const ds::figures::ShapeMap& shapeMap() const { return m_map; }
    QSize figureSize() const { return size(); }
    // Where the cell of page row `row`, dimension `dim` is drawn, in pixels.
    QRect cellRect(int row, int dim) const;

    static constexpr double kFigureDpi = 96.0;

protected:
    void wheelEvent(QWheelEvent* event) override;

private:
    void setUpAxes();
    void addTitles();
    void addLegend();
    void addCells();
    void addCell(int row, const ds::figures::ShapeMapCell& cell);
    void fitToContent();
    bool wrapSummary(int cellsWidth);
    void resizeNow(QSize size);

    ds::figures::ShapeMap m_map;
    int m_cellWidth = 0;
    int m_cellHeight = 0;
    Presentation m_presentation = Presentation::Figure;
    int m_availableWidth = 0;
    QCPTextElement* m_summary = nullptr;
    int m_headerRows = 0; // title, summary, legend: above the cells
};

} // namespace ds::ui::figures
