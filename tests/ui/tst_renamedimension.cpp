// Renaming from the tree (F2 / double click): this dimension, every one
// sharing its name, or every dimension of the same size at the same position.
#include "RenameDimensionDialog.h"
#include "UiTestSupport.h"

#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>

using namespace ds;
using uitest::dimAt;

namespace {

// Presses F2 on a dimension's row and returns the dialog it opened.
ui::RenameDimensionDialog* pressF2On(ui::MainWindow& window, spec::DimRef ref) {
    ui::InputTreeView* tree = window.tree();
    const QModelIndex row = tree->viewIndexOfDim(ref, itemmodels::InputTreeModel::NameColumn);
    tree->scrollTo(row);
    tree->setCurrentIndex(row);
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_F2);
    return tree->findChild<ui::RenameDimensionDialog*>();
}

void typeAndConfirm(ui::RenameDimensionDialog* dialog, const QString& name,
                    document::RenameScope scope) {
    auto* edit = dialog->findChild<QLineEdit*>();
    edit->selectAll();
    QTest::keyClicks(edit, name);
    dialog->setScope(scope);
    auto* buttons = dialog->findChild<QDialogButtonBox*>();
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
}

QStringList namedPaths(const document::DocumentContext& context, const QString& name) {
    QStringList out;
    for (const spec::DimRef& ref : context.spec().dimsNamed(name))
        out << QStringLiteral("%1:%2")
                   .arg(context.tree().tensorNode(ref.tensor)->path())
                   .arg(ref.dim);
    return out;
}

} // namespace

class RenameDimensionTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolateSettings(); }
    void init() { QSettings().clear(); } // no layout or format carried over
    void sameSizeAtSamePositionRenamesTheBatchDimensions();
    void sameSizeOnSequenceLength();
    void onlyThisDimension();
    void sameNameRenamesTheWholeGroup();
    void aNameInUseLendsItsBounds();
    void invalidNamesCannotBeConfirmed();
    void oneUndoStepPerRename();
};

void RenameDimensionTest::sameSizeAtSamePositionRenamesTheBatchDimensions() {
    auto window = uitest::openWindow();
    document::DocumentContext& context = window->context();
    auto* dialog = pressF2On(*window, dimAt(context, QStringLiteral("input_ids"), 0));
    QVERIFY(dialog);
    typeAndConfirm(dialog, QStringLiteral("batch"), document::RenameScope::SameSizeAtPosition);
    // Size 2 at position 0: both inputs and the cache, not cache_position (size 3).
    QCOMPARE(namedPaths(context, QStringLiteral("batch")),
             (QStringList{"input_ids:0", "attention_mask:0", "past_key_values.0.0:0",
                          "past_key_values.1.0:0"}));
    QCOMPARE(context.spec().dim(dimAt(context, QStringLiteral("cache_position"), 0)).name,
             QStringLiteral("d_2_0"));
}

void RenameDimensionTest::sameSizeOnSequenceLength() {
    auto window = uitest::openWindow();
    document::DocumentContext& context = window->context();
    // input_ids is 2x3: position 1, size 3. attention_mask (2x1x3x96) has its 3 at position 2.
    auto* dialog = pressF2On(*window, dimAt(context, QStringLiteral("input_ids"), 1));
    QVERIFY(dialog);
    typeAndConfirm(dialog, QStringLiteral("seq"), document::RenameScope::SameSizeAtPosition);
    QCOMPARE(namedPaths(context, QStringLiteral("seq")), QStringList{"input_ids:1"});
}

void RenameDimensionTest::onlyThisDimension() {
    auto window = uitest::openWindow();
    document::DocumentContext& context = window->context();
    auto* dialog = pressF2On(*window, dimAt(context, QStringLiteral("attention_mask"), 0));
    QVERIFY(dialog);
    typeAndConfirm(dialog, QStringLiteral("batch"), document::RenameScope::ThisDimension);
    QCOMPARE(namedPaths(context, QStringLiteral("batch")), QStringList{"attention_mask:0"});
}

void RenameDimensionTest::sameNameRenamesTheWholeGroup() {
    auto window = uitest::openWindow();
    document::DocumentContext& context = window->context();
    const spec::DimRef ids = dimAt(context, QStringLiteral("input_ids"), 0);
    context.renameDim(ids, QStringLiteral("b"), document::RenameScope::SameSizeAtPosition);
    auto* dialog = pressF2On(*window, dimAt(context, QStringLiteral("past_key_values.1.0"), 0));
    QVERIFY(dialog);
    QCOMPARE(dialog->scope(),
             document::RenameScope::SameName); // a shared name is renamed as a group by default
    typeAndConfirm(dialog, QStringLiteral("batch"), document::RenameScope::SameName);
    QCOMPARE(namedPaths(context, QStringLiteral("batch")).size(), 4);
    QVERIFY(namedPaths(context, QStringLiteral("b")).isEmpty());
}

void RenameDimensionTest::aNameInUseLendsItsBounds() {
    auto window = uitest::openWindow();
    document::DocumentContext& context = window->context();
    const spec::DimRef ids = dimAt(context, QStringLiteral("input_ids"), 0);
    context.renameDim(ids, QStringLiteral("batch"), document::RenameScope::ThisDimension);
    context.setBounds(ids, 1, 1024);
    auto* dialog = pressF2On(*window, dimAt(context, QStringLiteral("attention_mask"), 0));
    QVERIFY(dialog);
    typeAndConfirm(dialog, QStringLiteral("batch"), document::RenameScope::ThisDimension);
    const spec::DimSpec& joined =
        context.spec().dim(dimAt(context, QStringLiteral("attention_mask"), 0));
    QCOMPARE(joined.min, std::optional<qint64>(1));
    QCOMPARE(joined.max, std::optional<qint64>(1024));
}

void RenameDimensionTest::invalidNamesCannotBeConfirmed() {
    auto window = uitest::openWindow();
    document::DocumentContext& context = window->context();
    auto* dialog = pressF2On(*window, dimAt(context, QStringLiteral("input_ids"), 0));
    QVERIFY(dialog);
    auto* ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    dialog->setName(QStringLiteral("2batch"));
    QVERIFY(!ok->isEnabled());
    dialog->setName(QStringLiteral("batch size"));
    QVERIFY(!ok->isEnabled());
    dialog->setName(QStringLiteral("batch_size"));
    QVERIFY(ok->isEnabled());
    dialog->reject();
    QCOMPARE(context.undoStack().count(), 0);
}

void RenameDimensionTest::oneUndoStepPerRename() {
    auto window = uitest::openWindow();
    document::DocumentContext& context = window->context();
    const spec::ShapeSpec before = context.spec();
    auto* dialog = pressF2On(*window, dimAt(context, QStringLiteral("input_ids"), 0));
    QVERIFY(dialog);
    typeAndConfirm(dialog, QStringLiteral("batch"), document::RenameScope::SameSizeAtPosition);
    QCOMPARE(context.undoStack().count(), 1);
    context.undoStack().undo();
    QCOMPARE(context.spec(), before);
}

QTEST_MAIN(RenameDimensionTest)
#include "tst_renamedimension.moc"
