#include "FigurePanel.h"

#include "FigureExport.h"
#include "LegendPlot.h"
#include "ShapeMapPlot.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

namespace ds::ui::figures {

FigurePanel::FigurePanel(QWidget* parent) : QWidget(parent) {
    m_pager = new QWidget(this);
    auto* pagerLayout = new QHBoxLayout(m_pager);
    pagerLayout->setContentsMargins(0, 0, 0, 0);
    m_page = new QSpinBox(m_pager);
    m_page->setMinimum(1);
    auto* pageLabel = new QLabel(tr("&Page:"), m_pager);
    pageLabel->setBuddy(m_page);
    pagerLayout->addWidget(pageLabel);
    pagerLayout->addWidget(m_page);
    pagerLayout->addStretch(1);
    m_pager->hide();
    connect(m_page, &QSpinBox::valueChanged, this, &FigurePanel::refresh);

    m_message = new QLabel(this);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);

    m_shapeMap = new ShapeMapPlot;
    m_mapScroll = new QScrollArea;
    m_mapScroll->setWidget(m_shapeMap);
    m_mapScroll->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_mapScroll->setBackgroundRole(QPalette::Base);

    m_legend = new LegendPlot;
    m_legend->setFigure(ds::figures::LegendFigure{
        QStringLiteral("dynamic shapes\nfrom inputs"), QStringLiteral("dynamic shapes"),
        QColor(0, 128, 0), ds::figures::LegendFigure::kDefaultSizePx});
    auto* legendScroll = new QScrollArea;
    legendScroll->setWidget(m_legend);
    legendScroll->setAlignment(Qt::AlignCenter);
    legendScroll->setBackgroundRole(QPalette::Base);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_mapScroll);
    splitter->addWidget(legendScroll);
    // The map gets the room; the legend figure keeps about its own height.
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 0);
    splitter->setSizes({ds::figures::LegendFigure::kDefaultSizePx * 3,
                        ds::figures::LegendFigure::kDefaultSizePx + 24});

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_pager);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);
    refresh();
}

void FigurePanel::setDocument(const spec::ExportTree* tree, const spec::ShapeSpec* spec,
                              const analysis::SpecComparison* comparison) {
    if (tree != m_tree) {
        const QSignalBlocker quiet(m_page); // new inputs start on their first page
        m_page->setValue(1);
    }
    m_tree = tree;
    m_spec = spec;
    m_comparison = comparison;
    refresh();
}

// No redraw here: the document pointers may be on their way out (the caller
// sets the title, then the new document).
void FigurePanel::setTitle(const QString& title) {
    m_title = title;
}

void FigurePanel::setLegendFigure(const ds::figures::LegendFigure& figure) {
    m_legend->setFigure(figure);
}

int FigurePanel::pageCount() const {
    return m_shapeMap->shapeMap().pageCount;
}

void FigurePanel::refresh() {
    if (!m_tree || !m_spec) {
        showMessage(tr("Open inputs to see their shape map."));
        return;
    }
    ds::figures::ShapeMapOptions options;
    options.title = m_title;
    const int pages = ds::figures::shapeMapPageCount(m_tree->tensorCount());
    options.page = std::min(m_page->value(), pages) - 1;
    const auto map = ds::figures::buildShapeMap(*m_tree, *m_spec, m_comparison, options);
    if (!map) {
        showMessage(map.error().message);
        return;
    }
    m_message->hide();
    m_mapScroll->show();
    m_shapeMap->setShapeMap(map.value());
    {
        const QSignalBlocker quiet(m_page);
        m_page->setMaximum(pages);
        m_page->setSuffix(tr(" of %1").arg(pages));
    }
    m_pager->setVisible(pages > 1);
}

void FigurePanel::showMessage(const QString& text) {
    m_message->setText(text);
    m_message->show();
    m_mapScroll->hide();
    m_pager->hide();
}

Status FigurePanel::saveShapeMap(const QString& path) {
    return saveFigure(*m_shapeMap, path, m_shapeMap->figureSize(), ShapeMapPlot::kFigureDpi);
}

Status FigurePanel::saveLegend(const QString& path) {
    return saveFigure(*m_legend, path, m_legend->figureSize(), m_legend->figureDpi());
}

} // namespace ds::ui::figures
