#pragma once

#include "Result.h"
#include "figures/LegendFigure.h"
#include "figures/ShapeMap.h"

#include <QWidget>

class QLabel;
class QScrollArea;
class QSpinBox;

namespace ds::ui::figures {

class LegendPlot;
class ShapeMapPlot;

// The figures of the open document, for a dock: the shape map (scrolling, one
// page of 200 tensors at a time) above the legend figure. The panel only reads
// the document; whoever edits the spec calls refresh() afterwards.
class FigurePanel : public QWidget {
    Q_OBJECT
public:
    explicit FigurePanel(QWidget* parent = nullptr);

    // Not owned; each must stay valid until the next setDocument(). `comparison`
    // is null without a reference; a null tree or spec empties the panel.
    void setDocument(const spec::ExportTree* tree, const spec::ShapeSpec* spec,
                     const analysis::SpecComparison* comparison = nullptr);
    // Shown from the next setDocument() or refresh().
    void setTitle(const QString& title);
    void setLegendFigure(const ds::figures::LegendFigure& figure);

    // The figures as shown, by the file's extension (.png, .svg, .pdf).
    Status saveShapeMap(const QString& path);
    Status saveLegend(const QString& path);

    const ShapeMapPlot* shapeMapPlot() const { return m_shapeMap; }
    const LegendPlot* legendPlot() const { return m_legend; }
    int pageCount() const;

public slots:
    // Redraws from the document: after a dimension is toggled, a name changed,
    // or the comparison redone.
    void refresh();

private:
    void showMessage(const QString& text);

    const spec::ExportTree* m_tree = nullptr;
    const spec::ShapeSpec* m_spec = nullptr;
    const analysis::SpecComparison* m_comparison = nullptr;
    QString m_title = QStringLiteral("Shape map");

    ShapeMapPlot* m_shapeMap = nullptr;
    LegendPlot* m_legend = nullptr;
    QScrollArea* m_mapScroll = nullptr;
    QLabel* m_message = nullptr;
    QWidget* m_pager = nullptr;
    QSpinBox* m_page = nullptr;
};

} // namespace ds::ui::figures
