#include "ShapeMapPlot.h"

#include "FigureFonts.h"
#include "FigureScrollArea.h"

#include <QRegularExpression>

namespace ds::ui::figures {

namespace {

constexpr double kLabelFontPx = 12;
constexpr double kSizeFontPx = 12;
constexpr double kNameFontPx = 10;
constexpr double kTitleFontPx = 16;
constexpr double kSummaryFontPx = 12;
constexpr int kMinCellWidth = 56;
constexpr int kMaxCellWidth = 220;
constexpr int kCellTextMargin = 10;
constexpr int kCellHeight = 36;
constexpr int kCellGapPx = 2;
constexpr int kLegendColumns = 3;

// Hides everything of an axis but its tick labels.
void showLabelsOnly(QCPAxis* axis) {
    axis->setVisible(true);
    axis->setBasePen(Qt::NoPen);
    axis->setTickPen(Qt::NoPen);
    axis->setSubTickPen(Qt::NoPen);
    axis->grid()->setVisible(false);
    axis->setTickLabelFont(figureFont(kLabelFontPx));
    axis->setTickLabelPadding(6);
}

} // namespace

ShapeMapPlot::ShapeMapPlot(QWidget* parent) : QCustomPlot(parent) {
    setBackground(Qt::white);
    // Nothing to click or type in: the scroll area around it takes the focus.
    setFocusPolicy(Qt::NoFocus);
}

// No zoom: the wheel scrolls the panel.
void ShapeMapPlot::wheelEvent(QWheelEvent* event) {
    passWheelToScrollArea(this, event);
}

void ShapeMapPlot::setShapeMap(const ds::figures::ShapeMap& map) {
    m_map = map;
    clearItems();
    clearPlottables();
    // Title, summary and legend rows from an earlier map go; the axis rect stays.
    // The legend belongs to the plot, so it leaves its row before the row is deleted.
    if (legend->layout())
        legend->layout()->take(legend);
    while (plotLayout()->rowCount() > 1) {
        plotLayout()->removeAt(0);
        plotLayout()->simplify();
    }
    setUpAxes();
    addTitles();
    addLegend();
    addCells();
    fitToContent();
}

void ShapeMapPlot::setUpAxes() {
    for (QCPAxis* axis : axisRect()->axes())
        axis->setVisible(false);
    axisRect()->setAutoMargins(QCP::msAll);
    axisRect()->setMinimumMargins(QMargins(8, 4, 12, 8));
    plotLayout()->setMargins(QMargins(8, 0, 8, 4)); // keeps row labels off the edge

    const int rows = std::max<int>(1, static_cast<int>(m_map.rows.size()));
    auto rowTicker = QSharedPointer<QCPAxisTickerText>::create();
    for (int r = 0; r < static_cast<int>(m_map.rows.size()); ++r)
        rowTicker->addTick(r + 0.5, m_map.rows[static_cast<size_t>(r)].path);
    yAxis->setTicker(rowTicker);
    yAxis->setRange(0, rows);
    yAxis->setRangeReversed(true); // first tensor at the top
    showLabelsOnly(yAxis);

    auto columnTicker = QSharedPointer<QCPAxisTickerText>::create();
    for (int d = 0; d < m_map.columns; ++d)
        columnTicker->addTick(d + 0.5, QStringLiteral("dim %1").arg(d));
    xAxis2->setTicker(columnTicker);
    showLabelsOnly(xAxis2);

    // Cells are as wide as their longest text, the same for every column.
    const QFontMetrics sizeMetrics(figureFont(kSizeFontPx, true));
    const QFontMetrics nameMetrics(figureFont(kNameFontPx));
    int widest = 0;
    for (const ds::figures::ShapeMapRow& row : m_map.rows)
        for (const ds::figures::ShapeMapCell& cell : row.cells)
            widest = std::max({widest, sizeMetrics.horizontalAdvance(cell.sizeText),
                               nameMetrics.horizontalAdvance(cell.nameText)});
    m_cellWidth = std::clamp(widest + 2 * kCellTextMargin, kMinCellWidth, kMaxCellWidth);
    m_cellHeight = kCellHeight;
}

void ShapeMapPlot::addTitles() {
    const bool docked = m_presentation == Presentation::Docked;
    m_headerRows = 0;
    if (!docked) {
        auto* title = new QCPTextElement(this, m_map.title, figureFont(kTitleFontPx, true));
        title->setMargins(QMargins(12, 8, 12, 2));
        plotLayout()->insertRow(m_headerRows);
        plotLayout()->addElement(m_headerRows++, 0, title);
    }
    m_summary = new QCPTextElement(this, m_map.summary, figureFont(kSummaryFontPx));
    m_summary->setTextColor(QColor(0x33, 0x33, 0x33));
    m_summary->setMargins(QMargins(12, docked ? 6 : 2, 12, 6));
    if (docked) // in line with the legend under it
        m_summary->setTextFlags(Qt::AlignLeft | Qt::AlignVCenter);
    plotLayout()->insertRow(m_headerRows);
    plotLayout()->addElement(m_headerRows++, 0, m_summary);
}

void ShapeMapPlot::addLegend() {
    // A legend row under the summary; a stretchable empty cell beside it keeps
    // the entries together on the left instead of spread over the whole width.
    auto* row = new QCPLayoutGrid;
    plotLayout()->insertRow(m_headerRows);
    plotLayout()->addElement(m_headerRows++, 0, row);
    if (legend->layout())
        legend->layout()->take(legend);
    row->addElement(0, 0, legend);
    row->addElement(0, 1, new QCPLayoutElement(this));
    row->setColumnStretchFactors({0.001, 1.0});
    row->setMargins(QMargins(8, 0, 8, 4));

    legend->setVisible(true);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setWrap(kLegendColumns);
    legend->setBorderPen(Qt::NoPen);
    legend->setFont(figureFont(kLabelFontPx));
    legend->setIconSize(16, 12);
    for (ds::figures::CellState state : m_map.legendStates()) {
        if (m_presentation == Presentation::Docked && m_map.counts.of(state) == 0)
            continue;
        // An empty graph whose only job is its legend icon: a square swatch.
        QCPGraph* swatch = addGraph();
        swatch->setLineStyle(QCPGraph::lsNone);
        swatch->setScatterStyle(QCPScatterStyle(
            QCPScatterStyle::ssSquare, QPen(ds::figures::cellStateColor(state).darker(130)),
            ds::figures::cellStateColor(state), 12));
        swatch->setName(QStringLiteral("%1 (%2)")
                            .arg(ds::figures::cellStateLabel(state))
                            .arg(m_map.counts.of(state)));
    }
    for (int r = 0; r < m_headerRows; ++r)
        plotLayout()->setRowStretchFactor(r, 0.001);
}

void ShapeMapPlot::addCells() {
    for (int r = 0; r < static_cast<int>(m_map.rows.size()); ++r) {
        const ds::figures::ShapeMapRow& row = m_map.rows[static_cast<size_t>(r)];
        if (row.cells.empty()) {
            auto* note = new QCPItemText(this);
            note->position->setCoords(0.05, r + 0.5);
            note->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
            note->setFont(figureFont(kNameFontPx));
            note->setColor(Qt::darkGray);
            note->setText(QStringLiteral("0-d tensor"));
        }
        for (const ds::figures::ShapeMapCell& cell : row.cells)
            addCell(r, cell);
    }
    if (m_map.rows.empty()) {
        auto* note = new QCPItemText(this);
        note->position->setCoords(0.05, 0.5);
        note->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        note->setFont(figureFont(kLabelFontPx));
        note->setText(QStringLiteral("no tensors in these inputs"));
    }
}

void ShapeMapPlot::addCell(int row, const ds::figures::ShapeMapCell& cell) {
    const double gapX = double(kCellGapPx) / m_cellWidth;
    const double gapY = double(kCellGapPx) / m_cellHeight;
    auto* box = new QCPItemRect(this);
    box->topLeft->setCoords(cell.dim + gapX, row + gapY);
    box->bottomRight->setCoords(cell.dim + 1 - gapX, row + 1 - gapY);
    box->setPen(Qt::NoPen);
    box->setBrush(ds::figures::cellStateColor(cell.state));

    const bool named = !cell.nameText.isEmpty();
    auto* size = new QCPItemText(this);
    size->position->setCoords(cell.dim + 0.5, row + (named ? 0.32 : 0.5));
    size->setPositionAlignment(Qt::AlignCenter);
    size->setFont(figureFont(kSizeFontPx, true));
    size->setText(cell.sizeText);
    if (!named)
        return;
    const QFont nameFont = figureFont(kNameFontPx);
    auto* name = new QCPItemText(this);
    name->position->setCoords(cell.dim + 0.5, row + 0.72);
    name->setPositionAlignment(Qt::AlignCenter);
    name->setFont(nameFont);
    name->setText(QFontMetrics(nameFont).elidedText(cell.nameText, Qt::ElideMiddle,
                                                    m_cellWidth - kCellTextMargin));
}

// A hidden widget gets its resize event only when shown, and QCustomPlot
// follows its size from that event: tell it at once.
void ShapeMapPlot::resizeNow(QSize size) {
    setFixedSize(size);
    setViewport(rect());
}

// Lays out once at a generous size to learn what the labels, titles and legend
// take, then gives the cells exactly their size and adds the rest around them.
void ShapeMapPlot::fitToContent() {
    const int columns = std::max(1, m_map.columns);
    const int rows = std::max<int>(1, static_cast<int>(m_map.rows.size()));
    const QSize grid(columns * m_cellWidth, rows * m_cellHeight);

    resizeNow(grid + QSize(800, 400));
    xAxis->setRange(0, columns);
    xAxis2->setRange(0, columns);
    replot(QCustomPlot::rpImmediateRefresh);
    if (m_presentation == Presentation::Docked &&
        wrapSummary(grid.width() + width() - axisRect()->width()))
        replot(QCustomPlot::rpImmediateRefresh); // the summary is taller now
    const QSize around = size() - axisRect()->rect().size();
    const QSize minimum = plotLayout()->minimumOuterSizeHint();
    resizeNow(QSize(std::max(grid.width() + around.width(), minimum.width()),
                    grid.height() + around.height()));
    replot(QCustomPlot::rpImmediateRefresh);

    // A title wider than the cells widens the figure, never the cells.
    const double visibleColumns = double(axisRect()->width()) / m_cellWidth;
    xAxis->setRange(0, visibleColumns);
    xAxis2->setRange(0, visibleColumns);
    replot(QCustomPlot::rpImmediateRefresh);
}

// Breaks the summary after its commas and colons so that no line is wider
// than the rest of the figure or the room there is; true when it did.
bool ShapeMapPlot::wrapSummary(int cellsWidth) {
    int widest = std::max(cellsWidth, m_availableWidth);
    for (int row = 0; row < plotLayout()->rowCount(); ++row) {
        QCPLayoutElement* element = plotLayout()->element(row, 0);
        if (element && element != m_summary && element != axisRect())
            widest = std::max(widest, element->minimumOuterSizeHint().width());
    }
    const QMargins around = m_summary->margins() + plotLayout()->margins();
    const int room = widest - around.left() - around.right();
    const QFontMetrics metrics(m_summary->font());
    if (metrics.horizontalAdvance(m_map.summary) <= room)
        return false;
    static const QRegularExpression breaks(QStringLiteral("(?<=[,:]) "));
    QStringList lines;
    for (const QString& piece : m_map.summary.split(breaks)) {
        const QString longer = lines.isEmpty() ? piece : lines.last() + QLatin1Char(' ') + piece;
        if (!lines.isEmpty() && metrics.horizontalAdvance(longer) <= room)
            lines.last() = longer;
        else
            lines << piece;
    }
    m_summary->setText(lines.join(QLatin1Char('\n')));
    return lines.size() > 1;
}

QRect ShapeMapPlot::cellRect(int row, int dim) const {
    const double left = xAxis->coordToPixel(dim);
    const double right = xAxis->coordToPixel(dim + 1);
    const double top = yAxis->coordToPixel(row);
    const double bottom = yAxis->coordToPixel(row + 1);
    return QRectF(QPointF(left, top), QPointF(right, bottom)).toRect();
}

} // namespace ds::ui::figures
