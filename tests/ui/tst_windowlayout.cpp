// The window at the sizes users have (issue 16, items 4 and 8): at 1024x700
// the tree comes first, chips are never clipped, the Shape column is as wide
// as its chips; bounds are visible, named, carried by the Spec column and
// Copy, and a bound typed wrong says why instead of vanishing.
#include "SpecPreviewPanel.h"
#include "UiTestSupport.h"

#include <QApplication>
#include <QDockWidget>
#include <QHeaderView>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStatusBar>
#include <QToolTip>

using namespace ds;
using uitest::dimAt;
using Columns = itemmodels::InputTreeModel;

namespace {

// Double clicks a cell of the tree and types `text` + Enter into its editor.
void typeInCell(ui::InputTreeView* tree, const QModelIndex& cell, const QString& text) {
    tree->scrollTo(cell);
    const QPoint at = tree->visualRect(cell).center();
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, at);
    auto* editor = qobject_cast<QLineEdit*>(QApplication::focusWidget());
    QVERIFY2(editor, qPrintable(QStringLiteral("no editor at %1,%2 (cell %3)")
                                    .arg(at.x())
                                    .arg(at.y())
                                    .arg(cell.data().toString())));
    editor->selectAll();
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
    QApplication::processEvents(); // the delegate commits through a queued call
}

} // namespace

class WindowLayoutTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolateSettings(); }
    void init() { QSettings().clear(); }
    void at1024x700TheTreeComesFirst();
    void chipsAreNeverClipped();
    void theShapeColumnFitsItsChips();
    void boundColumnsSayWhatTheyAre();
    void aBoundTypedWrongSaysWhy();
    void specColumnAndCopyCarryTheBounds();
    void dynamicChipsShowTheirSizesOnHover();
};

void WindowLayoutTest::at1024x700TheTreeComesFirst() {
    auto window = uitest::openWindow();
    window->resize(1024, 700);
    QTest::qWait(50);
    QApplication::processEvents();
    const int preview = window->previewDock()->width();
    QVERIFY2(preview <= 1024 * 37 / 100, qPrintable(QString::number(preview)));
    QVERIFY2(window->checksDock()->height() <= 700 * 35 / 100,
             qPrintable(QString::number(window->checksDock()->height())));
    ui::InputTreeView* tree = window->tree();
    const int rowHeight = tree->visualRect(tree->model()->index(0, 0)).height();
    const int visibleRows = tree->viewport()->height() / std::max(1, rowHeight);
    QVERIFY2(visibleRows >= 12, qPrintable(QString::number(visibleRows)));
    QVERIFY(tree->width() > preview);
    // The preview wraps its lines instead of cutting them.
    window->preview()->refreshNow();
    auto* text = window->preview()->findChild<QPlainTextEdit*>();
    QApplication::processEvents();
    QCOMPARE(text->horizontalScrollBar()->maximum(), 0);
}

void WindowLayoutTest::chipsAreNeverClipped() {
    // The first row is a cache's list, without chips: rows used to take its height.
    auto window =
        uitest::openWindow(uitest::fixture(QStringLiteral("pt/dynamic_cache_top_v454.pt")));
    ui::InputTreeView* tree = window->tree();
    const QModelIndex first = tree->model()->index(0, Columns::ShapeColumn);
    QVERIFY(first.data(itemmodels::Roles::ShapeChipsRole).isNull()); // no chips on row 0
    tree->expandAll();
    document::DocumentContext& context = window->context();
    int checked = 0;
    for (int t = 0; t < context.tree().tensorCount(); ++t) {
        const QModelIndex cell = tree->viewIndexOfTensor(t, Columns::ShapeColumn);
        const QRect row = tree->visualRect(cell);
        if (row.isEmpty() || row.bottom() > tree->viewport()->height())
            continue;
        for (int d = 0; d < context.spec().rank(t); ++d) {
            const QRect chip = tree->chipRect({t, d});
            QVERIFY2(row.contains(chip),
                     qPrintable(QStringLiteral("tensor %1 dim %2: chip %3 in row %4")
                                    .arg(t)
                                    .arg(d)
                                    .arg(chip.height())
                                    .arg(row.height())));
            QVERIFY(chip.height() >= tree->fontMetrics().height() + 4);
            ++checked;
        }
    }
    QVERIFY(checked > 0);
}

void WindowLayoutTest::theShapeColumnFitsItsChips() {
    // Six dimensions, every one dynamic and named: wider than the old 250 px.
    auto window = uitest::openWindow(uitest::fixture(QStringLiteral("pt/all_dtypes.pt")));
    QVERIFY(
        window->opener()
            .openTypeString(QStringLiteral("dict(x:T1s2x3x4x5x6x7,y:T1s8)"), QStringLiteral("test"))
            .ok());
    ui::InputTreeView* tree = window->tree();
    document::DocumentContext& context = window->context();
    const spec::DimRef last = dimAt(context, QStringLiteral("x"), 5);
    QVERIFY(context.spec().dim(last).isDynamic());
    const QRect chip = tree->chipRect(last);
    const QRect cell = tree->visualRect(tree->viewIndexOfTensor(last.tensor, Columns::ShapeColumn));
    QVERIFY2(
        !chip.isEmpty() && chip.right() <= cell.right(),
        qPrintable(
            QStringLiteral("chip ends at %1, column at %2").arg(chip.right()).arg(cell.right())));
}

void WindowLayoutTest::boundColumnsSayWhatTheyAre() {
    auto window = uitest::openWindow();
    QAbstractItemModel* model = window->tree()->model();
    QCOMPARE(model->headerData(Columns::MinColumn, Qt::Horizontal).toString(),
             QStringLiteral("Dim min"));
    QCOMPARE(model->headerData(Columns::MaxColumn, Qt::Horizontal).toString(),
             QStringLiteral("Dim max"));
    QVERIFY(model->headerData(Columns::MinColumn, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("Lower bound")));
    // An empty bound cell of a dynamic dimension tells how to set it.
    document::DocumentContext& context = window->context();
    const QModelIndex cell = window->tree()->viewIndexOfDim(
        dimAt(context, QStringLiteral("input_ids"), 0), Columns::MinColumn);
    QVERIFY(cell.data(Qt::ToolTipRole).toString().contains(QStringLiteral("double click to set")));
}

void WindowLayoutTest::aBoundTypedWrongSaysWhy() {
    auto window = uitest::openWindow();
    document::DocumentContext& context = window->context();
    ui::InputTreeView* tree = window->tree();
    const spec::DimRef ref = dimAt(context, QStringLiteral("input_ids"), 1); // size 3
    context.renameDim(ref, QStringLiteral("seq"), document::RenameScope::ThisDimension);
    context.revealDim(ref);
    QSignalSpy said(tree, &ui::InputTreeView::informed);
    typeInCell(tree, tree->viewIndexOfDim(ref, Columns::MaxColumn), QStringLiteral("abc"));
    QCOMPARE(said.count(), 1);
    QVERIFY2(window->statusBar()->currentMessage().contains(
                 QStringLiteral("'abc' is not a whole number")),
             qPrintable(window->statusBar()->currentMessage()));
    QVERIFY(!context.spec().dim(ref).max);
    // The example's size must fit: a max of 2 under a size of 3 is refused, said.
    typeInCell(tree, tree->viewIndexOfDim(ref, Columns::MaxColumn), QStringLiteral("2"));
    QVERIFY2(window->statusBar()->currentMessage().contains(QStringLiteral("has size 3, outside")),
             qPrintable(window->statusBar()->currentMessage()));
    QVERIFY(!context.spec().dim(ref).max);
    typeInCell(tree, tree->viewIndexOfDim(ref, Columns::MaxColumn), QStringLiteral("512"));
    QCOMPARE(context.spec().dim(ref).max, std::optional<qint64>(512));
    // The cell reads a bound as the dimension editor does: "none" clears it, and
    // a negative minimum is refused by the same rule, with the same words.
    typeInCell(tree, tree->viewIndexOfDim(ref, Columns::MaxColumn), QStringLiteral("none"));
    QVERIFY(!context.spec().dim(ref).max);
    typeInCell(tree, tree->viewIndexOfDim(ref, Columns::MinColumn), QStringLiteral("-1"));
    QVERIFY2(window->statusBar()->currentMessage().contains(
                 QStringLiteral("The minimum cannot be negative")),
             qPrintable(window->statusBar()->currentMessage()));
    QVERIFY(!context.spec().dim(ref).min);
    // Dim.DYNAMIC takes bounds too.
    QVERIFY(context.decideDims({ref}, spec::DimSpec::makeHint(spec::DimSpec::HintKind::Dynamic))
                .isEmpty());
    typeInCell(tree, tree->viewIndexOfDim(ref, Columns::MinColumn), QStringLiteral("2"));
    QCOMPARE(context.spec().dim(ref), spec::DimSpec::makeHint(spec::DimSpec::HintKind::Dynamic, 2));
}

void WindowLayoutTest::specColumnAndCopyCarryTheBounds() {
    auto window = uitest::openWindow();
    document::DocumentContext& context = window->context();
    ui::InputTreeView* tree = window->tree();
    const spec::DimRef ref = dimAt(context, QStringLiteral("input_ids"), 0);
    context.renameDim(ref, QStringLiteral("batch"), document::RenameScope::ThisDimension);
    context.setBounds(ref, 1, 1024);
    const QModelIndex tensorSpec = tree->viewIndexOfTensor(ref.tensor, Columns::SpecColumn);
    QVERIFY2(tensorSpec.data().toString().contains(QStringLiteral("'batch' (1..1024)")),
             qPrintable(tensorSpec.data().toString()));
    QCOMPARE(tree->viewIndexOfDim(ref, Columns::SpecColumn).data().toString(),
             QStringLiteral("batch (1..1024)"));
    tree->selectionModel()->select(tensorSpec,
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QVERIFY(tree->selectionAsText().contains(QStringLiteral("(1..1024)")));
}

namespace {

// Hovers a cell the way Qt does (a ToolTip help event) and returns the tip shown.
QString hover(ui::InputTreeView* tree, const QModelIndex& cell) {
    const QPoint at = tree->visualRect(cell).center();
    QHelpEvent event(QEvent::ToolTip, at, tree->viewport()->mapToGlobal(at));
    QApplication::sendEvent(tree->viewport(), &event);
    return QToolTip::isVisible() ? QToolTip::text() : QString();
}

} // namespace

void WindowLayoutTest::dynamicChipsShowTheirSizesOnHover() {
    auto window = uitest::openWindow();
    document::DocumentContext& context = window->context();
    ui::InputTreeView* tree = window->tree();
    const int mask = dimAt(context, QStringLiteral("attention_mask"), 0).tensor;
    for (int d = 0; d < 4; ++d) // every dimension dynamic: the chips show names only
        QVERIFY(context.spec().dim(mask, d).isDynamic());
    const QString tip = hover(tree, tree->viewIndexOfTensor(mask, Columns::ShapeColumn));
    QVERIFY2(tip.contains(QStringLiteral("Sizes: 2 \u00d7 1 \u00d7 3 \u00d7 96")), qPrintable(tip));
    // A Spec cell the column cuts shows its whole text.
    const QModelIndex spec = tree->viewIndexOfTensor(mask, Columns::SpecColumn);
    QVERIFY(tree->fontMetrics().horizontalAdvance(spec.data().toString()) >
            tree->visualRect(spec).width());
    QCOMPARE(hover(tree, spec), spec.data().toString());
}

QTEST_MAIN(WindowLayoutTest)
#include "tst_windowlayout.moc"
