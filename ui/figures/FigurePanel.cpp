#include "FigurePanel.h"

#include "FigureExport.h"
#include "FigureScrollArea.h"
#include "LegendEditor.h"
#include "LegendPlot.h"
#include "LegendPreview.h"
#include "ShapeMapPlot.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QScrollBar>
#include <QSpinBox>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace ds::ui::figures {

namespace {

// A stem made of the document's name must still be a file name.
QString safeStem(const QString& stem) {
    QString safe = stem.trimmed();
    static const QString forbidden = QStringLiteral("/\\:*?\"<>|");
    for (QChar& c : safe)
        if (forbidden.contains(c) || c.category() == QChar::Other_Control)
            c = QLatin1Char('_');
    return safe.isEmpty() ? QStringLiteral("figure") : safe;
}

} // namespace

FigurePanel::FigurePanel(QWidget* parent) : QWidget(parent), m_chooser(chooseFigureFile) {
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true); // the dock draws the frame
    m_tabs->addTab(createMapPage(), tr("&Shape map"));
    m_tabs->addTab(createLegendPage(), tr("&Legend"));
    createToolBar();
    m_tabs->setCornerWidget(m_toolBar, Qt::TopRightCorner);

    m_saveMessage = new QLabel(this);
    m_saveMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_saveMessage->setAccessibleName(tr("Save result"));
    m_saveMessage->setContentsMargins(6, 0, 6, 2);
    // A long path is cut rather than widen the dock; the tooltip has it all.
    m_saveMessage->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_saveMessage->hide();
    m_messageTimer.setSingleShot(true);
    m_messageTimer.setInterval(kMessageMs);
    connect(&m_messageTimer, &QTimer::timeout, m_saveMessage, &QWidget::hide);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_saveMessage);
    refresh();
}

QWidget* FigurePanel::createMapPage() {
    auto* page = new QWidget;
    m_message = new QLabel(page);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);

    m_shapeMap = new ShapeMapPlot;
    m_shapeMap->setPresentation(ShapeMapPlot::Presentation::Docked);
    m_shapeMap->setAccessibleName(tr("Shape map"));
    m_mapScroll = new FigureScrollArea(page);
    m_mapScroll->setWidget(m_shapeMap);
    m_mapScroll->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_mapScroll->setAccessibleName(tr("Shape map"));

    m_mapScroll->installEventFilter(this);
    m_fitTimer.setSingleShot(true);
    m_fitTimer.setInterval(150);
    connect(&m_fitTimer, &QTimer::timeout, this, &FigurePanel::fitMapToRoom);

    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_message);
    layout->addWidget(m_mapScroll, 1);
    for (QWidget* widget :
         {static_cast<QWidget*>(m_shapeMap), static_cast<QWidget*>(m_mapScroll)}) {
        widget->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(widget, &QWidget::customContextMenuRequested, this,
                [this, widget](QPoint pos) { showContextMenu(widget, pos, false); });
    }
    return page;
}

QWidget* FigurePanel::createLegendPage() {
    auto* page = new QWidget;
    m_editor = new LegendEditor(page);
    // What gets saved; the preview shows it, scaled down to fit if need be.
    m_legend = new LegendPlot(page);
    m_legend->hide();
    m_legend->setFigure(ds::figures::LegendFigure{
        QStringLiteral("dynamic shapes\nfrom inputs"), QStringLiteral("dynamic shapes"),
        QColor(0, 128, 0), ds::figures::LegendFigure::kDefaultSizePx});
    m_editor->setFigure(m_legend->figure());
    m_legendPreview = new LegendPreview(*m_legend, page);
    m_legendPreview->setAccessibleName(tr("Legend figure"));
    connect(m_editor, &LegendEditor::figureChanged, this,
            [this](const ds::figures::LegendFigure& figure) {
                m_legend->setFigure(figure);
                m_legendPreview->figureChanged();
                emit legendFigureChanged(figure);
            });

    auto* layout = new QHBoxLayout(page);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_editor, 2, Qt::AlignTop);
    layout->addWidget(m_legendPreview, 3);
    m_legendPreview->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_legendPreview, &QWidget::customContextMenuRequested, this,
            [this](QPoint pos) { showContextMenu(m_legendPreview, pos, true); });
    return page;
}

void FigurePanel::createToolBar() {
    m_toolBar = new QToolBar(tr("Figures"), this);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolBar->setIconSize(QSize(16, 16));

    auto* pager = new QWidget(m_toolBar);
    auto* pagerLayout = new QHBoxLayout(pager);
    pagerLayout->setContentsMargins(0, 0, 6, 0);
    m_page = new QSpinBox(pager);
    m_page->setMinimum(1);
    m_page->setAccessibleName(tr("Shape map page"));
    auto* pageLabel = new QLabel(tr("&Page:"), pager);
    pageLabel->setBuddy(m_page);
    pagerLayout->addWidget(pageLabel);
    pagerLayout->addWidget(m_page);
    m_pagerAction = m_toolBar->addWidget(pager);
    m_pagerAction->setVisible(false);
    connect(m_page, &QSpinBox::valueChanged, this, &FigurePanel::refresh);

    m_saveMap =
        m_toolBar->addAction(tr("Save shape map\u2026"), this, &FigurePanel::chooseAndSaveShapeMap);
    m_saveMap->setToolTip(tr("Save the shape map as PNG, SVG or PDF"));
    m_saveLegend =
        m_toolBar->addAction(tr("Save legend\u2026"), this, &FigurePanel::chooseAndSaveLegend);
    m_saveLegend->setToolTip(tr("Save the legend figure as PNG, SVG or PDF"));
    // Tool buttons, like menu items, are named by their action's text.
    for (QAction* action : {m_saveMap, m_saveLegend})
        if (QWidget* button = m_toolBar->widgetForAction(action))
            button->setAccessibleName(action->text().remove(QChar(0x2026)));
}

void FigurePanel::showContextMenu(QWidget* widget, QPoint pos, bool legendFirst) {
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    if (legendFirst)
        menu->addActions({m_saveLegend, m_saveMap});
    else
        menu->addActions({m_saveMap, m_saveLegend});
    menu->popup(widget->mapToGlobal(pos));
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
    m_legendPreview->figureChanged();
    m_editor->setFigure(figure);
}

const ds::figures::LegendFigure& FigurePanel::legendFigure() const {
    return m_legend->figure();
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
    m_saveMap->setEnabled(true);
    m_fittedRoom = mapRoom();
    m_shapeMap->setAvailableWidth(m_fittedRoom);
    m_shapeMap->setShapeMap(map.value());
    {
        const QSignalBlocker quiet(m_page);
        m_page->setMaximum(pages);
        m_page->setSuffix(tr(" of %1").arg(pages));
    }
    m_pagerAction->setVisible(pages > 1);
}

bool FigurePanel::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_mapScroll && event->type() == QEvent::Resize && mapRoom() != m_fittedRoom)
        m_fitTimer.start();
    return QWidget::eventFilter(watched, event);
}

// The width the map has without scrolling sideways, a vertical scroll bar
// counted whether it shows or not (so that showing it does not relayout).
int FigurePanel::mapRoom() const {
    return m_mapScroll->maximumViewportSize().width() -
           m_mapScroll->verticalScrollBar()->sizeHint().width();
}

void FigurePanel::fitMapToRoom() {
    if (mapRoom() == m_fittedRoom || !m_tree || !m_spec)
        return;
    m_fittedRoom = mapRoom();
    m_shapeMap->setAvailableWidth(m_fittedRoom);
    const ds::figures::ShapeMap map = m_shapeMap->shapeMap();
    m_shapeMap->setShapeMap(map);
}

void FigurePanel::showMessage(const QString& text) {
    m_message->setText(text);
    m_message->show();
    m_mapScroll->hide();
    m_pagerAction->setVisible(false);
    m_saveMap->setEnabled(false);
}

void FigurePanel::setSaveLocation(const QString& stem, const QString& folder) {
    m_stem = stem;
    m_folder = folder;
}

void FigurePanel::setFileChooser(FigureFileChooser chooser) {
    m_chooser = chooser ? std::move(chooser) : FigureFileChooser(chooseFigureFile);
}

QString FigurePanel::proposedPath(const QString& suffix) const {
    QString folder = m_folder.isEmpty() ? m_lastFolder : m_folder;
    if (folder.isEmpty())
        folder = QDir::currentPath(); // where DimStudio was started, as its other dialogs do
    return QDir(folder).filePath(safeStem(m_stem) + suffix);
}

QString FigurePanel::proposedShapeMapPath() const {
    return proposedPath(QStringLiteral("_shape_map.png"));
}

QString FigurePanel::proposedLegendPath() const {
    return proposedPath(QStringLiteral("_legend.png"));
}

// The whole figure, title and full legend included, whatever the dock's size:
// the docked map is a view of it made for a small panel.
Status FigurePanel::saveShapeMap(const QString& path) {
    ShapeMapPlot figure;
    figure.setShapeMap(m_shapeMap->shapeMap());
    return saveFigure(figure, path, figure.figureSize(), ShapeMapPlot::kFigureDpi);
}

Status FigurePanel::saveLegend(const QString& path) {
    return saveFigure(*m_legend, path, m_legend->figureSize(), m_legend->figureDpi());
}

void FigurePanel::chooseAndSaveShapeMap() {
    chooseAndSave(tr("Save Shape Map"), proposedShapeMapPath(), false);
}

void FigurePanel::chooseAndSaveLegend() {
    chooseAndSave(tr("Save Legend"), proposedLegendPath(), true);
}

void FigurePanel::chooseAndSave(const QString& caption, const QString& proposed, bool legend) {
    const QString path = m_chooser(this, FigureSaveRequest{caption, proposed});
    if (path.isEmpty())
        return; // cancelled
    if (legend)
        reportSave(saveLegend(path), path, tr("legend"));
    else
        reportSave(saveShapeMap(path), path, tr("shape map"));
}

void FigurePanel::reportSave(const Status& status, const QString& path, const QString& what) {
    const QString shown = QDir::toNativeSeparators(path);
    if (status) {
        m_lastFolder = QFileInfo(path).absolutePath();
        m_saveMessage->setText(tr("Saved the %1 to %2").arg(what, shown));
        m_saveMessage->setPalette(palette());
        m_messageTimer.start();
        emit figureSaved(path);
    } else {
        const Error error = status.error().withFile(shown);
        m_saveMessage->setText(tr("Could not save the %1: %2").arg(what, error.toString()));
        QPalette alarming = palette();
        alarming.setColor(QPalette::WindowText, QColor(0xb0, 0x00, 0x20));
        m_saveMessage->setPalette(alarming);
        m_messageTimer.stop(); // an error stays until the next save
    }
    m_saveMessage->setToolTip(m_saveMessage->text());
    m_saveMessage->show();
}

} // namespace ds::ui::figures
