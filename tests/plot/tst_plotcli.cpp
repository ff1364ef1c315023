#include "CliRunner.h"
#include "LegendPlot.h"
#include "PlotTestSupport.h"
#include "ShapeMapPlot.h"

#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest>

using namespace ds;

// `dimstudio plot ...` as users run it: the files it writes and its errors.
class PlotCliTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void legendCommandGivesTheSeedFigure();
    void legendCommandWritesSvgAndPdf();
    void legendSizeOption();
    void shapesCommandDrawsTheSeedAgainstItsReference();
    void shapesCommandWritesSvgAndPdf();
    void errorsNameTheFileAndExitTwo_data();
    void errorsNameTheFileAndExitTwo();

private:
    CliRun dimstudio(const QStringList& args);
    QTemporaryDir m_dir;
};

void PlotCliTest::initTestCase() {
    QVERIFY(m_dir.isValid());
}

CliRun PlotCliTest::dimstudio(const QStringList& args) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // As on a machine without a display: the command picks offscreen itself.
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    return runDimStudio(args, env);
}

void PlotCliTest::legendCommandGivesTheSeedFigure() {
    const QString out = m_dir.filePath(QStringLiteral("legend.png"));
    const CliRun run = dimstudio({"plot", "legend", "dynamic shapes\\nfrom inputs", "--bottom",
                                  "dynamic shapes", "--color", "green", "-o", out});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QImage image(out);
    QCOMPARE(image.size(), QSize(200, 200));
    QCOMPARE(qRound(image.dotsPerMeterX() / 39.37007874), 100); // matplotlib's dpi
    for (QPoint corner : {QPoint(0, 0), QPoint(199, 0), QPoint(0, 199), QPoint(199, 199)})
        QCOMPARE(image.pixelColor(corner), QColor(Qt::white));

    // The same figure as the library draws, pixel for pixel...
    ds::ui::figures::LegendPlot plot;
    ds::figures::LegendFigure figure;
    figure.text = QStringLiteral("dynamic shapes\nfrom inputs");
    figure.bottomText = QStringLiteral("dynamic shapes");
    plot.setFigure(figure);
    QCOMPARE(image.convertToFormat(QImage::Format_RGB32),
             plot.toPixmap(200, 200).toImage().convertToFormat(QImage::Format_RGB32));

    // ...so the places checked there hold here: the green box around the centre,
    // dark text where each text belongs.
    const ds::figures::LegendFigureLayout layout = layoutLegendFigure(figure);
    const QRectF box = plot.boxRect();
    QVERIFY(box.contains(layout.textCentre));
    const QPoint padding = QPointF(box.center().x(), box.top() + layout.boxPadPx / 2).toPoint();
    QVERIFY(plottest::near(image.pixelColor(padding), QColor(127, 191, 127)));
    const QPoint end = layout.endBaseline.toPoint();
    QVERIFY(plottest::darkPixels(image, QRect(end.x() - 20, end.y() - 12, 40, 12)) > 20);
    QVERIFY(plottest::darkPixels(image, box.toRect()) > 200);
    const QPoint bottom = layout.bottomBaseline.toPoint();
    QVERIFY(plottest::darkPixels(image, QRect(bottom.x() - 40, bottom.y() - 9, 40, 9)) > 20);
}

void PlotCliTest::legendCommandWritesSvgAndPdf() {
    const QString svg = m_dir.filePath(QStringLiteral("legend.svg"));
    const QString pdf = m_dir.filePath(QStringLiteral("legend.pdf"));
    QCOMPARE(dimstudio({"plot", "legend", "x", "-o", svg}).exitCode, 0);
    QCOMPARE(dimstudio({"plot", "legend", "x", "--color", "#1f77b4", "-o", pdf}).exitCode, 0);
    QSvgRenderer renderer(svg);
    QVERIFY(renderer.isValid());
    QCOMPARE(renderer.viewBox(), QRect(0, 0, 200, 200));
    QFile file(pdf);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("%PDF-"));
    // 2 × 2 inches: a 144-point page.
    static const QRegularExpression kPage(
        QStringLiteral(R"(/MediaBox \[0 0 144(\.0+)? 144(\.0+)?\])"));
    QVERIFY(kPage.match(QString::fromLatin1(bytes)).hasMatch());
}

void PlotCliTest::legendSizeOption() {
    const QString out = m_dir.filePath(QStringLiteral("big.png"));
    QCOMPARE(dimstudio({"plot", "legend", "A", "--size", "400", "-o", out}).exitCode, 0);
    QCOMPARE(QImage(out).size(), QSize(400, 400));
}

void PlotCliTest::shapesCommandDrawsTheSeedAgainstItsReference() {
    const QString out = m_dir.filePath(QStringLiteral("map.png"));
    const CliRun run = dimstudio({"plot", "shapes", plottest::seedInputsPath(), "--reference",
                                  plottest::seedReferencePath(), "-o", out});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QImage image(out);

    // Drawn in-process the same way, for the geometry of its cells.
    const spec::ExportTree tree = plottest::seedTree();
    const spec::ShapeSpec spec = spec::ShapeSpec::allDynamic(tree);
    const analysis::SpecComparison comparison = plottest::compareWithSeedReference(tree, spec);
    ds::figures::ShapeMapOptions options;
    options.title = QStringLiteral("Shape map of seed_static_cache_v449.type.txt against %1")
                        .arg(QFileInfo(plottest::seedReferencePath()).fileName());
    ds::ui::figures::ShapeMapPlot plot;
    plot.setShapeMap(buildShapeMap(tree, spec, &comparison, options).value());
    QCOMPARE(image.size(), plot.figureSize());

    auto colourAt = [&](int row, int dim) {
        return image.pixelColor(plot.cellRect(row, dim).topLeft() + QPoint(5, 5));
    };
    const QColor red(255, 128, 128), orange(255, 210, 128), green(128, 192, 128);
    QVERIFY(plottest::near(colourAt(0, 0), red));
    QVERIFY(plottest::near(colourAt(0, 1), green));
    QVERIFY(plottest::near(colourAt(1, 1), orange));
    QVERIFY(plottest::near(colourAt(1, 3), orange));
    QVERIFY(plottest::near(colourAt(2, 0), red));
    QVERIFY(plottest::near(colourAt(4, 3), orange));
}

void PlotCliTest::shapesCommandWritesSvgAndPdf() {
    for (const char* name : {"map.svg", "map.pdf"}) {
        const QString out = m_dir.filePath(QLatin1String(name));
        const CliRun run = dimstudio(
            {"plot", "shapes", plottest::seedInputsPath(), "--layout", "flat", "-o", out});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(QFileInfo(out).size() > 0);
    }
    QVERIFY(QSvgRenderer(m_dir.filePath(QStringLiteral("map.svg"))).isValid());
    QFile pdf(m_dir.filePath(QStringLiteral("map.pdf")));
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QVERIFY(pdf.read(5) == "%PDF-");
}

void PlotCliTest::errorsNameTheFileAndExitTwo_data() {
    const QString seed = plottest::seedInputsPath();
    const QString out = QDir::temp().filePath(QStringLiteral("dimstudio-never-written.png"));
    const QString missing = plottest::fixture(QStringLiteral("plot/missing.pt"));
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("error");
    QTest::newRow("missing inputs") << QStringList{"plot", "shapes", missing, "-o", out}
                                    << QStringLiteral("dimstudio: error: %1: ").arg(missing);
    QTest::newRow("unknown extension")
        << QStringList{"plot", "legend", "x", "-o", "figure.jpg"}
        << QStringLiteral("dimstudio: error: figure.jpg: cannot tell the figure format");
    QTest::newRow("unknown colour")
        << QStringList{"plot", "legend", "x", "--color", "greenish", "-o", out}
        << QStringLiteral("dimstudio: error: unknown colour 'greenish'");
    QTest::newRow("no output") << QStringList{"plot", "legend", "x"}
                               << QStringLiteral("dimstudio: error: plot needs an output file");
    QTest::newRow("missing page")
        << QStringList{"plot", "shapes", seed, "--page", "3", "-o", out}
        << QStringLiteral("dimstudio: error: %1: there is no page 3: the map has 1 page").arg(seed);
    QTest::newRow("unknown figure") << QStringList{"plot", "pie", "-o", out}
                                    << QStringLiteral("dimstudio: error: unknown figure 'pie'");
    QTest::newRow("missing reference")
        << QStringList{"plot", "shapes", seed, "--reference", missing, "-o", out}
        << QStringLiteral("dimstudio: error: %1: cannot open").arg(missing);
}

void PlotCliTest::errorsNameTheFileAndExitTwo() {
    QFETCH(QStringList, args);
    QFETCH(QString, error);
    const CliRun run = dimstudio(args);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(error), qPrintable(run.err));
    QVERIFY(!QFile::exists(args.last()) ||
            !args.last().endsWith(QLatin1String("never-written.png")));
}

QTEST_MAIN(PlotCliTest)
#include "tst_plotcli.moc"
