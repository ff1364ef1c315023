#include "FigureExport.h"
#include "FigureFonts.h"
#include "FigurePanel.h"
#include "LegendPlot.h"
#include "PlotTestSupport.h"
#include "ShapeMapPlot.h"
#include "figures/CellState.h"

#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest>

using namespace ds;
using namespace ds::ui::figures;

// What the figures look like, checked by sampling pixels where matplotlib (for
// the legend) or the shape map's own geometry puts each part.
class FigureRenderTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void legendMatchesTheSeedFigure();
    void legendScalesWithSize();
    void legendWithoutBottomTextLeavesItOut();
    void shapeMapCellsHaveTheirStateColours();
    void shapeMapOfTheSeedAgainstItsReference();
    void shapeMapLeavesMissingDimensionsBlank();
    void shapeMapGrowsWithRowsAndStaysReadable();
    void exportsPngSvgAndPdf_data();
    void exportsPngSvgAndPdf();
    void refusesUnknownExtensions();
    void reportsUnwritableFiles();
    void panelShowsTheDocumentAndPages();

private:
    QTemporaryDir m_dir;
};

namespace {

ds::figures::LegendFigure seedLegend() {
    ds::figures::LegendFigure figure;
    figure.text = QStringLiteral("dynamic shapes\nfrom inputs");
    figure.bottomText = QStringLiteral("dynamic shapes");
    return figure;
}

QImage render(QCustomPlot& plot, QSize size) {
    return plot.toPixmap(size.width(), size.height()).toImage();
}

// A point in the padding band above the main text: box colour, no glyph.
QPoint insideBoxPadding(const QRectF& box, double padPx) {
    return QPointF(box.center().x(), box.top() + padPx / 2).toPoint();
}

} // namespace

void FigureRenderTest::initTestCase() {
    QVERIFY(m_dir.isValid());
}

void FigureRenderTest::legendMatchesTheSeedFigure() {
    ui::figures::LegendPlot plot;
    plot.setFigure(seedLegend());
    const QImage image = render(plot, plot.figureSize());
    QCOMPARE(image.size(), QSize(200, 200));
    for (QPoint corner : {QPoint(0, 0), QPoint(199, 0), QPoint(0, 199), QPoint(199, 199)})
        QCOMPARE(image.pixelColor(corner), QColor(Qt::white));

    // The translucent green box is centred where matplotlib centres it.
    const ds::figures::LegendFigureLayout layout = layoutLegendFigure(plot.figure());
    const QRectF box = plot.boxRect();
    QVERIFY(qAbs(box.center().x() - layout.textCentre.x()) <= 1.0);
    QVERIFY(qAbs(box.center().y() - layout.textCentre.y()) <= 1.0);
    const QColor halfGreen(127, 191, 127);
    QVERIFY2(plottest::near(image.pixelColor(insideBoxPadding(box, layout.boxPadPx)), halfGreen),
             qPrintable(image.pixelColor(insideBoxPadding(box, layout.boxPadPx)).name()));
    QVERIFY(plottest::near(
        image.pixelColor(QPointF(box.left() + layout.boxPadPx / 2, box.center().y()).toPoint()),
        halfGreen));
    // Two lines of dark text inside the box, in its upper and lower halves.
    const QRect text =
        box.adjusted(layout.boxPadPx, layout.boxPadPx, -layout.boxPadPx, -layout.boxPadPx).toRect();
    QVERIFY(plottest::darkPixels(
                image, QRect(text.left(), text.top(), text.width(), text.height() / 2)) > 100);
    QVERIFY(plottest::darkPixels(image, QRect(text.left(), text.center().y(), text.width(),
                                              text.height() / 2)) > 100);

    // "END" just above its baseline, centred; nothing above it.
    const QPoint end = layout.endBaseline.toPoint();
    QVERIFY(plottest::darkPixels(image, QRect(end.x() - 20, end.y() - 12, 40, 12)) > 20);
    QVERIFY(plottest::allWhite(image, QRect(0, 0, 200, end.y() - 16)));
    // The bottom text ends at x = 164.5, on y = 162.6.
    const QPoint bottom = layout.bottomBaseline.toPoint();
    QVERIFY(plottest::darkPixels(image, QRect(bottom.x() - 40, bottom.y() - 9, 40, 9)) > 20);
    QVERIFY(plottest::allWhite(image, QRect(bottom.x() + 2, bottom.y() - 12, 30, 14)));
    QVERIFY(plottest::allWhite(image, QRect(0, bottom.y() + 4, 200, 200)));
}

void FigureRenderTest::legendScalesWithSize() {
    ds::figures::LegendFigure figure = seedLegend();
    figure.sizePx = 400;
    ui::figures::LegendPlot plot;
    plot.setFigure(figure);
    const QImage image = render(plot, plot.figureSize());
    QCOMPARE(image.size(), QSize(400, 400));
    QCOMPARE(plot.figureDpi(), 200.0);
    const ds::figures::LegendFigureLayout layout = layoutLegendFigure(figure);
    QVERIFY(plottest::near(image.pixelColor(insideBoxPadding(plot.boxRect(), layout.boxPadPx)),
                           QColor(127, 191, 127)));
    QVERIFY(plottest::near(image.pixelColor(399, 399), Qt::white, 0));
}

void FigureRenderTest::legendWithoutBottomTextLeavesItOut() {
    ds::figures::LegendFigure figure = seedLegend();
    figure.bottomText.clear();
    figure.color = QColor(255, 165, 0); // orange
    ui::figures::LegendPlot plot;
    plot.setFigure(figure);
    const QImage image = render(plot, plot.figureSize());
    const ds::figures::LegendFigureLayout layout = layoutLegendFigure(figure);
    QVERIFY(plottest::allWhite(image, QRect(0, 150, 200, 50)));
    QVERIFY(plottest::near(image.pixelColor(insideBoxPadding(plot.boxRect(), layout.boxPadPx)),
                           QColor(255, 210, 127)));
}

namespace {

// Samples a cell away from its centred text.
QColor cellColour(const QImage& image, const ShapeMapPlot& plot, int row, int dim) {
    const QRect cell = plot.cellRect(row, dim);
    return image.pixelColor(cell.topLeft() + QPoint(5, 5));
}

ds::figures::ShapeMap seedMapAgainstReference() {
    const spec::ExportTree tree = plottest::seedTree();
    const spec::ShapeSpec spec = spec::ShapeSpec::allDynamic(tree);
    const analysis::SpecComparison comparison = plottest::compareWithSeedReference(tree, spec);
    return figures::buildShapeMap(tree, spec, &comparison, {}).value();
}

} // namespace

void FigureRenderTest::shapeMapCellsHaveTheirStateColours() {
    const spec::ExportTree tree = plottest::seedTree();
    spec::ShapeSpec spec = spec::ShapeSpec::allDynamic(tree);
    spec.setDim(spec::DimRef{1, 1}, spec::DimSpec::makeStatic());
    ui::figures::ShapeMapPlot plot;
    plot.setShapeMap(figures::buildShapeMap(tree, spec, nullptr, {}).value());
    const QImage image = render(plot, plot.figureSize());
    QCOMPARE(image.size(), plot.figureSize());
    QVERIFY(plottest::near(cellColour(image, plot, 0, 0), QColor(127, 191, 127)));
    QVERIFY(plottest::near(cellColour(image, plot, 1, 1), QColor(223, 223, 223)));
    QVERIFY(plottest::near(cellColour(image, plot, 1, 1),
                           cellStateColor(ds::figures::CellState::Static), 0));
    // The size is written in the cell, in dark text.
    QVERIFY(plottest::darkPixels(image, plot.cellRect(1, 3)) > 10);
}

void FigureRenderTest::shapeMapOfTheSeedAgainstItsReference() {
    ui::figures::ShapeMapPlot plot;
    plot.setShapeMap(seedMapAgainstReference());
    const QImage image = render(plot, plot.figureSize());
    const QColor red(255, 128, 128), orange(255, 210, 128), green(128, 192, 128);
    QVERIFY(plottest::near(cellColour(image, plot, 0, 0), red));    // input_ids: batch grouping
    QVERIFY(plottest::near(cellColour(image, plot, 0, 1), green));  // input_ids: seq_length
    QVERIFY(plottest::near(cellColour(image, plot, 1, 1), orange)); // attention_mask dim 1
    QVERIFY(plottest::near(cellColour(image, plot, 1, 2), red));    // attention_mask: seq
    QVERIFY(plottest::near(cellColour(image, plot, 2, 0), red));    // cache_position: seq
    for (int row : {3, 4}) {
        QVERIFY(plottest::near(cellColour(image, plot, row, 0), red));
        for (int dim : {1, 2, 3})
            QVERIFY(plottest::near(cellColour(image, plot, row, dim), orange));
    }
    // Rows go down in flattening order, columns right in dimension order.
    QVERIFY(plot.cellRect(1, 0).top() > plot.cellRect(0, 0).bottom());
    QVERIFY(plot.cellRect(0, 1).left() > plot.cellRect(0, 0).right());
}

void FigureRenderTest::shapeMapLeavesMissingDimensionsBlank() {
    ui::figures::ShapeMapPlot plot;
    plot.setShapeMap(seedMapAgainstReference());
    const QImage image = render(plot, plot.figureSize());
    // input_ids has rank 2, cache_position rank 1.
    QVERIFY(plottest::allWhite(image, plot.cellRect(0, 2).adjusted(3, 3, -3, -3)));
    QVERIFY(plottest::allWhite(image, plot.cellRect(2, 3).adjusted(3, 3, -3, -3)));
}

void FigureRenderTest::shapeMapGrowsWithRowsAndStaysReadable() {
    for (int tensors : {1, 40, 200}) {
        // Lists of 20 or more are written with their first item only.
        const QString text = tensors < 20 ? QStringLiteral("#1[T1s2x3x4]")
                                          : QStringLiteral("#%1[T1s2x3x4,...]").arg(tensors);
        const auto loaded = formats::inputsFromText(text, QString());
        QVERIFY(loaded.ok());
        const spec::ExportTree tree(loaded.value().root, caches::CacheLayout::Transformers);
        ui::figures::ShapeMapPlot plot;
        plot.setShapeMap(
            figures::buildShapeMap(tree, spec::ShapeSpec::allDynamic(tree), nullptr, {}).value());
        // Every row keeps its full height: the figure grows instead.
        for (int r : {0, tensors - 1})
            QVERIFY(plot.cellRect(r, 0).height() >= 30);
        QVERIFY(plot.cellRect(tensors - 1, 2).bottom() < plot.figureSize().height());
    }
}

void FigureRenderTest::exportsPngSvgAndPdf_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("header");
    QTest::newRow("png") << "map.png" << QByteArray("\x89PNG\r\n\x1a\n");
    QTest::newRow("svg") << "map.svg" << QByteArray("<?xml");
    QTest::newRow("pdf") << "map.pdf" << QByteArray("%PDF-");
    QTest::newRow("upper-case extension") << "MAP.PNG" << QByteArray("\x89PNG");
}

void FigureRenderTest::exportsPngSvgAndPdf() {
    QFETCH(QString, name);
    QFETCH(QByteArray, header);
    ui::figures::ShapeMapPlot plot;
    plot.setShapeMap(seedMapAgainstReference());
    const QString path = m_dir.filePath(name);
    const Status saved =
        ui::figures::saveFigure(plot, path, plot.figureSize(), ShapeMapPlot::kFigureDpi);
    QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().toString()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.size() > 1000);
    QVERIFY2(bytes.startsWith(header), bytes.left(16).constData());
    if (name.endsWith(QLatin1String(".svg"))) {
        QSvgRenderer svg(path);
        QVERIFY(svg.isValid());
        QCOMPARE(svg.viewBox().size(), plot.figureSize());
        QVERIFY(bytes.contains("input_ids")); // text stays text
    }
    if (name.endsWith(QLatin1String(".png"), Qt::CaseInsensitive)) {
        const QImage image(path);
        QCOMPARE(image.size(), plot.figureSize());
        QVERIFY(plottest::near(cellColour(image, plot, 0, 1), QColor(128, 192, 128)));
    }
}

void FigureRenderTest::refusesUnknownExtensions() {
    ui::figures::LegendPlot plot;
    const QString path = m_dir.filePath(QStringLiteral("legend.jpg"));
    const Status saved = ui::figures::saveFigure(plot, path, plot.figureSize(), plot.figureDpi());
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().file, path);
    QVERIFY(saved.error().message.contains(QStringLiteral(".png, .svg or .pdf")));
    QVERIFY(!QFile::exists(path));
}

void FigureRenderTest::reportsUnwritableFiles() {
    ui::figures::LegendPlot plot;
    const QString path = m_dir.filePath(QStringLiteral("no/such/folder/legend.png"));
    const Status saved = ui::figures::saveFigure(plot, path, plot.figureSize(), plot.figureDpi());
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().file, path);
    QVERIFY(saved.error().message.startsWith(QStringLiteral("cannot write the figure")));
}

void FigureRenderTest::panelShowsTheDocumentAndPages() {
    ui::figures::FigurePanel panel;
    QVERIFY(panel.shapeMapPlot()->shapeMap().rows.empty());

    const spec::ExportTree tree = plottest::seedTree();
    spec::ShapeSpec spec = spec::ShapeSpec::allDynamic(tree);
    panel.setDocument(&tree, &spec);
    QCOMPARE(panel.shapeMapPlot()->shapeMap().rows.size(), size_t(5));
    QCOMPARE(panel.pageCount(), 1);

    // An edit shows after refresh().
    spec.setDim(spec::DimRef{0, 0}, spec::DimSpec::makeStatic());
    panel.refresh();
    QCOMPARE(panel.shapeMapPlot()->shapeMap().rows[0].cells[0].state,
             ds::figures::CellState::Static);

    const auto loaded = formats::inputsFromText(QStringLiteral("#450[T1s2,...]"), QString());
    const spec::ExportTree large(loaded.value().root, caches::CacheLayout::Transformers);
    const spec::ShapeSpec largeSpec = spec::ShapeSpec::allDynamic(large);
    panel.setDocument(&large, &largeSpec);
    QCOMPARE(panel.pageCount(), 3);
    QCOMPARE(panel.shapeMapPlot()->shapeMap().rows.size(), size_t(200));

    const QString path = m_dir.filePath(QStringLiteral("panel-legend.svg"));
    QVERIFY(panel.saveLegend(path).ok());
    QVERIFY(QSvgRenderer(path).isValid());
    panel.setDocument(nullptr, nullptr);
}

QTEST_MAIN(FigureRenderTest)
#include "tst_figurerender.moc"
