#include "PlotTestSupport.h"
#include "figures/FigureColors.h"
#include "figures/LegendFigure.h"
#include "figures/ShapeMap.h"

#include <QtTest>

using namespace ds;

// The figures' data: colours as matplotlib reads them, where plot_legend puts
// its texts, and what each shape-map cell says.
class FigureDataTest : public QObject {
    Q_OBJECT
private slots:
    void readsMatplotlibColours_data();
    void readsMatplotlibColours();
    void refusesUnknownColours_data();
    void refusesUnknownColours();
    void placesLegendTextsLikeMatplotlib();
    void legendLayoutScalesWithSize();
    void legendBoxIsHalfOpaque();
    void unescapesNewlinesInTexts();
    void refusesSillySizes();
    void shapeMapHasOneRowPerTensor();
    void shapeMapWithoutReferenceIsStaticOrDynamic();
    void seedAgainstReferenceColoursEachDimension();
    void cellsNameWhatDiffers();
    void unalignedDimensionsKeepPlainColours();
    void largeInputsPage();
    void missingPageIsAnError();
    void specOfOtherInputsIsAnError();
};

void FigureDataTest::readsMatplotlibColours_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QColor>("expected");
    QTest::newRow("css green, not Qt's lime") << "green" << QColor(0, 128, 0);
    QTest::newRow("case-insensitive") << "Orange" << QColor(255, 165, 0);
    QTest::newRow("letter g is half green") << "g" << QColor(0, 128, 0);
    QTest::newRow("letter c") << "c" << QColor(0, 191, 191);
    QTest::newRow("tableau") << "tab:blue" << QColor(0x1f, 0x77, 0xb4);
    QTest::newRow("#rrggbb") << "#336699" << QColor(0x33, 0x66, 0x99);
    QTest::newRow("#rgb") << "#f00" << QColor(255, 0, 0);
    QTest::newRow("#rrggbbaa keeps alpha last") << "#ff000080" << QColor(255, 0, 0, 128);
    QTest::newRow("grey level") << "0.5" << QColor(128, 128, 128);
}

void FigureDataTest::readsMatplotlibColours() {
    QFETCH(QString, text);
    QFETCH(QColor, expected);
    const auto color = figures::parseFigureColor(text);
    QVERIFY2(color.ok(), qPrintable(color.ok() ? QString() : color.error().message));
    QCOMPARE(color.value().rgba(), expected.rgba());
}

void FigureDataTest::refusesUnknownColours_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("unknown name") << "greenish";
    QTest::newRow("Qt-only word") << "transparent";
    QTest::newRow("bad hex") << "#12345";
    QTest::newRow("grey out of range") << "1.5";
    QTest::newRow("empty") << "";
}

void FigureDataTest::refusesUnknownColours() {
    QFETCH(QString, text);
    const auto color = figures::parseFigureColor(text);
    QVERIFY(!color.ok());
    QVERIFY(color.error().message.contains(QStringLiteral("unknown colour '%1'").arg(text)));
}

void FigureDataTest::placesLegendTextsLikeMatplotlib() {
    const ds::figures::LegendFigureLayout layout = layoutLegendFigure(ds::figures::LegendFigure{});
    // 2 inches at 100 dpi, subplot from (.125, .11) to (.9, .88).
    QCOMPARE(layout.axes, QRectF(25, 24, 155, 154));
    QCOMPARE(layout.endBaseline.x(), 102.5);
    QVERIFY(qAbs(layout.endBaseline.y() - 54.8) < 1e-9);
    QCOMPARE(layout.textCentre, QPointF(102.5, 101));
    QCOMPARE(layout.bottomBaseline.x(), 164.5);
    QVERIFY(qAbs(layout.bottomBaseline.y() - 162.6) < 1e-9);
    QVERIFY(qAbs(layout.textFontPx - 15 * 100 / 72.0) < 1e-9);
    QVERIFY(qAbs(layout.endFontPx - 10 * 100 / 72.0) < 1e-9);
    QVERIFY(qAbs(layout.bottomFontPx - 7 * 100 / 72.0) < 1e-9);
    QVERIFY(qAbs(layout.boxPadPx - 10 * 100 / 72.0) < 1e-9);
}

void FigureDataTest::legendLayoutScalesWithSize() {
    ds::figures::LegendFigure big;
    big.sizePx = 400;
    const ds::figures::LegendFigureLayout layout = layoutLegendFigure(big);
    const ds::figures::LegendFigureLayout small = layoutLegendFigure(ds::figures::LegendFigure{});
    QCOMPARE(layout.axes, QRectF(50, 48, 310, 308));
    QCOMPARE(layout.textCentre, small.textCentre * 2);
    QVERIFY(qAbs(layout.textFontPx - 2 * small.textFontPx) < 1e-9);
}

void FigureDataTest::legendBoxIsHalfOpaque() {
    const ds::figures::LegendFigureLayout layout = layoutLegendFigure(ds::figures::LegendFigure{});
    QCOMPARE(layout.boxFill.rgb(), QColor(0, 128, 0).rgb());
    QCOMPARE(layout.boxFill.alpha(), 128);
    // What the tests of the image look for: half green over white.
    QVERIFY(plottest::near(figures::overWhite(QColor(0, 128, 0), 0.5), QColor(127, 191, 127), 1));
}

void FigureDataTest::unescapesNewlinesInTexts() {
    QCOMPARE(figures::unescapeFigureText(QStringLiteral("dynamic shapes\\nfrom inputs")),
             QStringLiteral("dynamic shapes\nfrom inputs"));
    QCOMPARE(figures::unescapeFigureText(QStringLiteral("one line")), QStringLiteral("one line"));
}

void FigureDataTest::refusesSillySizes() {
    QCOMPARE(figures::parseFigureSize(QStringLiteral("400")).value(), 400);
    QVERIFY(!figures::parseFigureSize(QStringLiteral("0")).ok());
    QVERIFY(!figures::parseFigureSize(QStringLiteral("99999")).ok());
    QVERIFY(!figures::parseFigureSize(QStringLiteral("big")).ok());
}

void FigureDataTest::shapeMapHasOneRowPerTensor() {
    const spec::ExportTree tree = plottest::seedTree();
    QCOMPARE(tree.tensorCount(), 5);
    const auto map = figures::buildShapeMap(tree, spec::ShapeSpec::allDynamic(tree), nullptr, {});
    QVERIFY(map.ok());
    QStringList paths;
    for (const ds::figures::ShapeMapRow& row : map.value().rows)
        paths << row.path;
    QCOMPARE(paths, QStringList({"input_ids", "attention_mask", "cache_position",
                                 "past_key_values.0.0", "past_key_values.1.0"}));
    QCOMPARE(map.value().columns, 4);
    QStringList sizes;
    for (const ds::figures::ShapeMapCell& cell : map.value().rows[1].cells)
        sizes << cell.sizeText;
    QCOMPARE(sizes, QStringList({"2", "1", "3", "96"}));
}

void FigureDataTest::shapeMapWithoutReferenceIsStaticOrDynamic() {
    const spec::ExportTree tree = plottest::seedTree();
    spec::ShapeSpec spec = spec::ShapeSpec::allDynamic(tree);
    spec.setDim(spec::DimRef{1, 3}, spec::DimSpec::makeStatic());
    const auto map = figures::buildShapeMap(tree, spec, nullptr, {});
    QVERIFY(map.ok());
    const ds::figures::ShapeMapCell& last = map.value().rows[1].cells[3];
    QCOMPARE(last.state, ds::figures::CellState::Static);
    QCOMPARE(last.nameText, QString());
    QCOMPARE(map.value().rows[0].cells[0].nameText, QStringLiteral("d_0_0"));
    QCOMPARE(map.value().legendStates(),
             std::vector<ds::figures::CellState>(
                 {ds::figures::CellState::Static, ds::figures::CellState::Dynamic}));
    QCOMPARE(map.value().summary, QStringLiteral("5 tensors, 15 dimensions: 14 dynamic, 1 static"));
}

void FigureDataTest::seedAgainstReferenceColoursEachDimension() {
    const spec::ExportTree tree = plottest::seedTree();
    const spec::ShapeSpec spec = spec::ShapeSpec::allDynamic(tree);
    const analysis::SpecComparison comparison = plottest::compareWithSeedReference(tree, spec);
    const auto map = figures::buildShapeMap(tree, spec, &comparison, {});
    QVERIFY(map.ok());
    using S = ds::figures::CellState;
    const std::vector<std::vector<ds::figures::CellState>> expected = {
        {S::Grouping, S::Dynamic},                            // input_ids: batch, seq_length
        {S::Grouping, S::OnlyHere, S::Grouping, S::OnlyHere}, // attention_mask: batch, seq
        {S::Grouping},                                        // cache_position: seq
        {S::Grouping, S::OnlyHere, S::OnlyHere, S::OnlyHere}, // keys: batch
        {S::Grouping, S::OnlyHere, S::OnlyHere, S::OnlyHere}, // values: batch
    };
    for (size_t r = 0; r < expected.size(); ++r)
        for (size_t d = 0; d < expected[r].size(); ++d)
            QVERIFY2(
                map.value().rows[r].cells[d].state == expected[r][d],
                qPrintable(QStringLiteral("row %1 dim %2: %3")
                               .arg(r)
                               .arg(d)
                               .arg(figures::cellStateLabel(map.value().rows[r].cells[d].state))));
    QCOMPARE(map.value().rows[0].cells[0].nameText, QStringLiteral("d_0_0 / batch"));
    QCOMPARE(map.value().summary,
             QStringLiteral("5 tensors, 15 dimensions against the reference: 1 same, 8 only "
                            "here, 0 only in the reference, 6 grouping, 0 bounds"));
    QCOMPARE(map.value().legendStates().size(), size_t(figures::kCellStateCount));
}

namespace {

// A comparison written by hand: every state once, on the seed's input_ids and attention_mask.
analysis::SpecComparison handMadeComparison(const spec::ExportTree& tree,
                                            const spec::ShapeSpec& spec) {
    analysis::SpecComparison comparison;
    auto add = [&](int t, int d, analysis::DimStatus status, spec::DimSpec reference) {
        analysis::DimComparison c;
        c.ref = spec::DimRef{t, d};
        c.path = tree.tensorNode(t)->path();
        c.status = status;
        c.here = spec.dim(t, d);
        c.reference = std::move(reference);
        comparison.dims.push_back(c);
    };
    add(0, 0, analysis::DimStatus::Same, spec.dim(0, 0));
    add(0, 1, analysis::DimStatus::OnlyHere, spec::DimSpec::makeStatic());
    add(1, 0, analysis::DimStatus::OnlyReference, spec::DimSpec::named(QStringLiteral("batch")));
    add(1, 1, analysis::DimStatus::Same, spec::DimSpec::makeStatic());
    add(1, 2, analysis::DimStatus::Grouping, spec::DimSpec::named(QStringLiteral("seq")));
    add(1, 3, analysis::DimStatus::Bounds, spec::DimSpec::named(QStringLiteral("d_1_3"), 1, 1024));
    return comparison;
}

spec::ShapeSpec handMadeSpec(const spec::ExportTree& tree) {
    spec::ShapeSpec spec = spec::ShapeSpec::allDynamic(tree);
    spec.setDim(spec::DimRef{1, 0}, spec::DimSpec::makeStatic());
    spec.setDim(spec::DimRef{1, 1}, spec::DimSpec::makeStatic());
    spec.setDim(spec::DimRef{1, 3},
                spec::DimSpec::named(QStringLiteral("d_1_3"), std::nullopt, 64));
    return spec;
}

} // namespace

void FigureDataTest::cellsNameWhatDiffers() {
    const spec::ExportTree tree = plottest::seedTree();
    const spec::ShapeSpec spec = handMadeSpec(tree);
    const analysis::SpecComparison comparison = handMadeComparison(tree, spec);
    const auto map = figures::buildShapeMap(tree, spec, &comparison, {});
    QVERIFY(map.ok());
    const auto& rows = map.value().rows;
    QCOMPARE(rows[0].cells[0].state, ds::figures::CellState::Dynamic);
    QCOMPARE(rows[0].cells[1].state, ds::figures::CellState::OnlyHere);
    QCOMPARE(rows[0].cells[1].nameText, QStringLiteral("d_0_1"));
    QCOMPARE(rows[1].cells[0].state, ds::figures::CellState::OnlyReference);
    QCOMPARE(rows[1].cells[0].nameText, QStringLiteral("ref batch"));
    QCOMPARE(rows[1].cells[1].state, ds::figures::CellState::Static);
    QCOMPARE(rows[1].cells[2].state, ds::figures::CellState::Grouping);
    QCOMPARE(rows[1].cells[2].nameText, QStringLiteral("d_1_2 / seq"));
    QCOMPARE(rows[1].cells[3].state, ds::figures::CellState::Bounds);
    QCOMPARE(rows[1].cells[3].nameText, QStringLiteral("d_1_3 ..64 / 1..1024"));
}

void FigureDataTest::unalignedDimensionsKeepPlainColours() {
    const spec::ExportTree tree = plottest::seedTree();
    const spec::ShapeSpec spec = spec::ShapeSpec::allDynamic(tree);
    analysis::SpecComparison comparison;
    analysis::DimComparison c;
    c.ref = spec::DimRef{2, 0};
    c.status = analysis::DimStatus::OnlyHere;
    c.here = spec.dim(2, 0);
    c.aligned = false;
    comparison.dims.push_back(c);
    comparison.structure.push_back(
        spec::StructureIssue{QStringLiteral("cache_position"), QStringLiteral("not a dict")});
    const auto map = figures::buildShapeMap(tree, spec, &comparison, {});
    QVERIFY(map.ok());
    QCOMPARE(map.value().rows[2].cells[0].state, ds::figures::CellState::Dynamic);
    QVERIFY(map.value().summary.endsWith(QStringLiteral(", 1 structure problem")));
}

void FigureDataTest::largeInputsPage() {
    const auto loaded = formats::inputsFromText(QStringLiteral("#450[T1s2x3,...]"), QString());
    QVERIFY(loaded.ok());
    const spec::ExportTree tree(loaded.value().root, caches::CacheLayout::Transformers);
    QCOMPARE(tree.tensorCount(), 450);
    ds::figures::ShapeMapOptions options;
    options.page = 2;
    const auto map = buildShapeMap(tree, spec::ShapeSpec::allDynamic(tree), nullptr, options);
    QVERIFY(map.ok());
    QCOMPARE(map.value().pageCount, 3);
    QCOMPARE(map.value().rows.size(), size_t(50));
    QCOMPARE(map.value().rows.front().tensor, 400);
    QCOMPARE(map.value().rows.front().path, QStringLiteral("400"));
    QVERIFY(map.value().title.endsWith(QStringLiteral("(page 3 of 3: tensors 400 to 449)")));
    QCOMPARE(map.value().counts.dims, 900); // counts cover every page
    QCOMPARE(figures::shapeMapPageCount(200), 1);
    QCOMPARE(figures::shapeMapPageCount(201), 2);
}

void FigureDataTest::missingPageIsAnError() {
    const spec::ExportTree tree = plottest::seedTree();
    ds::figures::ShapeMapOptions options;
    options.page = 1;
    const auto map = buildShapeMap(tree, spec::ShapeSpec::allDynamic(tree), nullptr, options);
    QVERIFY(!map.ok());
    QCOMPARE(map.error().message, QStringLiteral("there is no page 2: the map has 1 page"));
}

void FigureDataTest::specOfOtherInputsIsAnError() {
    const spec::ExportTree tree = plottest::seedTree();
    const auto other = formats::inputsFromText(QStringLiteral("(T1s2,)"), QString());
    const spec::ExportTree otherTree(other.value().root, caches::CacheLayout::Transformers);
    const auto map =
        figures::buildShapeMap(tree, spec::ShapeSpec::allDynamic(otherTree), nullptr, {});
    QVERIFY(!map.ok());
    QCOMPARE(map.error().message, QStringLiteral("the spec covers 1 tensor but the inputs hold 5"));
}

QTEST_GUILESS_MAIN(FigureDataTest)
#include "tst_figuredata.moc"
