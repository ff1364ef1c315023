// The tree around the model: the filter box (300 ms after typing), Copy as
// aligned text, Expand/Collapse all, checks that select their dimension,
// drag and drop, and the docks a user expects.
#include "ChecksPanel.h"
#include "FilterBar.h"
#include "UiTestSupport.h"
#include "itemmodels/InputFilterProxyModel.h"

#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QMimeData>
#include <QTableView>

using namespace ds;
using uitest::dimAt;

class TreeViewTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolateSettings(); }
    void init() { QSettings().clear(); } // no layout or format carried over
    void filterWaitsForTypingToStop();
    void filterClearButtonShowsEverythingAgain();
    void copyGivesAlignedText();
    void expandAndCollapseAll();
    void clickingAFindingSelectsItsDimension();
    void dockPanelsAreThere();
    void droppedFileOpens();
};

void TreeViewTest::filterWaitsForTypingToStop() {
    auto window = uitest::openWindow();
    QLineEdit* edit = window->filterBar()->lineEdit();
    itemmodels::InputFilterProxyModel* proxy = window->tree()->filterModel();
    QElapsedTimer clock;
    clock.start();
    QTest::keyClicks(edit, QStringLiteral("mask"));
    QCOMPARE(proxy->rowCount(), 4); // not yet
    QTRY_COMPARE(proxy->rowCount(), 1);
    QVERIFY(clock.elapsed() >= ui::FilterBar::kDelayMs);
    QCOMPARE(proxy->index(0, 0).data().toString(), QStringLiteral("attention_mask"));
}

void TreeViewTest::filterClearButtonShowsEverythingAgain() {
    auto window = uitest::openWindow();
    QLineEdit* edit = window->filterBar()->lineEdit();
    QVERIFY(edit->isClearButtonEnabled());
    edit->setText(QStringLiteral("96"));
    window->filterBar()->applyNow();
    QCOMPARE(window->tree()->filterModel()->rowCount(), 2);
    // Matching branches are expanded down to the tensors.
    const QModelIndex cache = window->tree()->filterModel()->index(1, 0);
    QVERIFY(window->tree()->isExpanded(cache));
    edit->clear();
    window->filterBar()->applyNow();
    QCOMPARE(window->tree()->filterModel()->rowCount(), 4);
}

void TreeViewTest::copyGivesAlignedText() {
    auto window = uitest::openWindow();
    ui::InputTreeView* tree = window->tree();
    tree->selectionModel()->clearSelection();
    for (const char* name : {"input_ids", "cache_position"}) {
        const int t = dimAt(window->context(), QString::fromLatin1(name), 0).tensor;
        tree->selectionModel()->select(tree->viewIndexOfTensor(t, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    tree->setFocus();
    QTest::keySequence(tree, QKeySequence::Copy);
    const QStringList lines =
        QApplication::clipboard()->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines[0].startsWith(QStringLiteral("Name")));
    QVERIFY(lines[1].startsWith(QStringLiteral("input_ids")));
    QVERIFY(lines[2].startsWith(QStringLiteral("cache_position")));
    // Columns line up: the kind starts at the same place on every line.
    const qsizetype column = lines[0].indexOf(QStringLiteral("Kind"));
    QCOMPARE(lines[1].indexOf(QStringLiteral("int64")), column);
    QCOMPARE(lines[2].indexOf(QStringLiteral("int64")), column);
    QVERIFY(lines[1].contains(QStringLiteral("d_0_0 \u00d7 d_0_1")));
}

void TreeViewTest::expandAndCollapseAll() {
    auto window = uitest::openWindow();
    ui::InputTreeView* tree = window->tree();
    tree->expandAll();
    const QModelIndex ids = tree->viewIndexOfTensor(0, 0);
    QVERIFY(tree->isExpanded(ids));
    tree->collapseAll();
    QVERIFY(!tree->isExpanded(ids));
}

void TreeViewTest::clickingAFindingSelectsItsDimension() {
    auto window = uitest::openWindow();
    window->context().flushAnalysis();
    QTableView* list = window->checks()->list();
    QVERIFY(list->model()->rowCount() > 0); // all dynamic: sizes 1 get specialised
    window->checksDock()->show();
    window->checksDock()->raise();
    int row = 0;
    while (row < list->model()->rowCount() &&
           list->model()->index(row, 0).data(itemmodels::Roles::TensorIndexRole).toInt() < 0)
        ++row;
    const QModelIndex finding = list->model()->index(row, 1);
    const spec::DimRef ref{finding.data(itemmodels::Roles::TensorIndexRole).toInt(),
                           finding.data(itemmodels::Roles::DimIndexRole).toInt()};
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(finding).center());
    QCOMPARE(window->context().currentDim(), ref);
}

void TreeViewTest::dockPanelsAreThere() {
    auto window = uitest::openWindow();
    QStringList titles;
    for (const QDockWidget* dock : window->findChildren<QDockWidget*>())
        titles << dock->windowTitle();
    titles.sort();
    QCOMPARE(titles, (QStringList{"Checks", "Export", "Figures", "Reference comparison",
                                  "Spec preview", "Tensor"}));
}

void TreeViewTest::droppedFileOpens() {
    auto window = uitest::openWindow(QString());
    QMimeData data;
    data.setUrls({QUrl::fromLocalFile(uitest::seedInputs())});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(window.get(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(window.get(), &drop);
    window->opener().waitForLoad();
    QTRY_VERIFY(window->context().hasInputs());
    QCOMPARE(window->context().spec().tensorCount(), 5);
}

QTEST_MAIN(TreeViewTest)
#include "tst_treeview.moc"
