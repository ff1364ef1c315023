// The reference comparison in the window: differing dimensions are coloured
// in the tree and listed; the colours follow "Adopt reference", undo and redo;
// a click in the list selects the dimension.
#include "ComparisonPanel.h"
#include "UiTestSupport.h"
#include "itemmodels/DimStatusStyle.h"
#include "itemmodels/ShapeChips.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QPushButton>
#include <QTableView>

using namespace ds;
using uitest::dimAt;

namespace {

// The status each dimension row shows, as "path:dim=status" for differing ones.
QStringList colouredRows(ui::MainWindow& window) {
    QStringList out;
    document::DocumentContext& context = window.context();
    const itemmodels::InputTreeModel* model = window.tree()->treeModel();
    for (int t = 0; t < context.spec().tensorCount(); ++t)
        for (int d = 0; d < context.spec().rank(t); ++d) {
            const QModelIndex row = model->dimIndex({t, d});
            const int status = row.data(itemmodels::Roles::ComparisonStatusRole).toInt();
            const bool coloured = row.data(Qt::BackgroundRole).isValid();
            if (status > 0 && coloured)
                out << QStringLiteral("%1:%2=%3")
                           .arg(context.tree().tensorNode(t)->path())
                           .arg(d)
                           .arg(dimStatusName(static_cast<analysis::DimStatus>(status)));
            else if (status > 0 || coloured)
                out << QStringLiteral("inconsistent %1:%2").arg(t).arg(d);
        }
    return out;
}

QPushButton* button(QWidget* panel, const QString& text) {
    for (auto* b : panel->findChildren<QPushButton*>())
        if (b->text().remove(QLatin1Char('&')) == text)
            return b;
    return nullptr;
}

std::unique_ptr<ui::MainWindow> windowWithReference() {
    auto window = uitest::openWindow();
    if (!window->comparison()->openReference(uitest::seedReference()))
        qFatal("cannot open the seed reference");
    return window;
}

} // namespace

class ComparisonColoursTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolateSettings(); }
    void init() { QSettings().clear(); } // no layout or format carried over
    void differingDimensionsAreColouredAndListed();
    void colouringFollowsAdoptUndoAndRedo();
    void colouringFollowsAToggle();
    void chipsCarryTheStatus();
    void clickingAListedDimensionSelectsIt();
    void clearingTheReferenceRemovesTheColours();
    void pastedReferenceCompares();
    void aReferenceInTheFlatLayoutCompares();
};

void ComparisonColoursTest::differingDimensionsAreColouredAndListed() {
    auto window = windowWithReference();
    const QStringList coloured = colouredRows(*window);
    // All dynamic against the seed's reference: the reference keeps 9 of 15 dims dynamic.
    QVERIFY(coloured.contains(QStringLiteral("attention_mask:1=only_here")));
    QVERIFY(coloured.contains(QStringLiteral("past_key_values.0.0:3=only_here")));
    QVERIFY(coloured.contains(QStringLiteral("input_ids:0=grouping")));
    for (const QString& row : coloured)
        QVERIFY2(!row.startsWith(QLatin1String("inconsistent")), qPrintable(row));
    QCOMPARE(window->comparison()->list()->model()->rowCount(), coloured.size());
}

void ComparisonColoursTest::colouringFollowsAdoptUndoAndRedo() {
    auto window = windowWithReference();
    const QStringList before = colouredRows(*window);
    QVERIFY(!before.isEmpty());
    QPushButton* adopt = button(window->comparison(), QStringLiteral("Adopt reference"));
    QVERIFY(adopt);
    QTest::mouseClick(adopt, Qt::LeftButton);
    QTRY_COMPARE(colouredRows(*window), QStringList());
    QTRY_COMPARE(window->comparison()->list()->model()->rowCount(), 0);
    QVERIFY(window->comparison()->summaryText().contains(QStringLiteral("matches")));

    QTest::keySequence(window.get(), QKeySequence::Undo);
    QTRY_COMPARE(colouredRows(*window), before);
    QTest::keySequence(window.get(), QKeySequence::Redo);
    QTRY_COMPARE(colouredRows(*window), QStringList());
}

void ComparisonColoursTest::colouringFollowsAToggle() {
    auto window = windowWithReference();
    document::DocumentContext& context = window->context();
    const spec::DimRef ref = dimAt(context, QStringLiteral("attention_mask"), 1);
    QVERIFY(colouredRows(*window).contains(QStringLiteral("attention_mask:1=only_here")));
    context.toggleDim(ref, false); // static, as in the reference
    QTRY_VERIFY(!colouredRows(*window).contains(QStringLiteral("attention_mask:1=only_here")));
    QVERIFY(!window->tree()->treeModel()->dimIndex(ref).data(Qt::BackgroundRole).isValid());
}

void ComparisonColoursTest::chipsCarryTheStatus() {
    auto window = windowWithReference();
    document::DocumentContext& context = window->context();
    const spec::DimRef ref = dimAt(context, QStringLiteral("attention_mask"), 1);
    const auto chips = window->tree()
                           ->treeModel()
                           ->tensorIndex(ref.tensor, itemmodels::InputTreeModel::ShapeColumn)
                           .data(itemmodels::Roles::ShapeChipsRole)
                           .value<itemmodels::ShapeChips>()
                           .chips;
    QCOMPARE(chips[1].comparisonStatus, int(analysis::DimStatus::OnlyHere));
}

void ComparisonColoursTest::clickingAListedDimensionSelectsIt() {
    auto window = windowWithReference();
    document::DocumentContext& context = window->context();
    QTableView* list = window->comparison()->list();
    const QModelIndex second = list->model()->index(1, 0);
    const spec::DimRef listed{second.data(itemmodels::Roles::TensorIndexRole).toInt(),
                              second.data(itemmodels::Roles::DimIndexRole).toInt()};
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(second).center());
    QCOMPARE(context.currentDim(), listed);
    const QModelIndex current = window->tree()->currentIndex();
    QCOMPARE(
        window->tree()->treeModel()->dimRefAt(window->tree()->filterModel()->mapToSource(current)),
        listed);
}

void ComparisonColoursTest::clearingTheReferenceRemovesTheColours() {
    auto window = windowWithReference();
    window->comparison()->clearReference();
    QCOMPARE(colouredRows(*window), QStringList());
    QCOMPARE(window->comparison()->list()->model()->rowCount(), 0);
}

void ComparisonColoursTest::pastedReferenceCompares() {
    auto window = uitest::openWindow();
    QFile file(uitest::seedReference());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QApplication::clipboard()->setText(QString::fromUtf8(file.readAll()));
    QVERIFY(window->comparison()->pasteReference().ok());
    QVERIFY(window->comparison()->summaryText().contains(QStringLiteral("clipboard")));
    QVERIFY(colouredRows(*window).contains(QStringLiteral("attention_mask:1=only_here")));
}

void ComparisonColoursTest::aReferenceInTheFlatLayoutCompares() {
    auto window = uitest::openWindow();
    document::DocumentContext& context = window->context();
    // The cache as onnx-diagnostic flattens it: [key, value], not [[keys], [values]].
    QApplication::clipboard()->setText(QStringLiteral(
        "{'input_ids': {0: 'batch'}, 'attention_mask': {0: 'batch'}, 'cache_position': {},"
        " 'past_key_values': [{0: 'batch'}, {0: 'batch'}]}"));
    QVERIFY(window->comparison()->pasteReference().ok());
    QVERIFY(context.session().reference().aligned.issues.empty());
    QTest::mouseClick(button(window->comparison(), QStringLiteral("Adopt reference")),
                      Qt::LeftButton);
    const spec::DimRef value = dimAt(context, QStringLiteral("past_key_values.1.0"), 0);
    QCOMPARE(context.spec().dim(value).name, QStringLiteral("batch"));
    QCOMPARE(context.spec().dimsNamed(QStringLiteral("batch")).size(), size_t(4));
    QCOMPARE(context.spec().dynamicCount(), 4);
}

QTEST_MAIN(ComparisonColoursTest)
#include "tst_comparisoncolours.moc"
