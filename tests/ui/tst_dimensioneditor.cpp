// The dimension editor (F2 / double click / the dimension's menu): names and
// how far they reach, every kind of decision (Dim.AUTO, DYNAMIC, STATIC,
// derived), bounds with their inline messages, bulk edits in one undo step.
#include "DimensionEditorDialog.h"
#include "UiTestSupport.h"

#include <QApplication>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTimer>

#include <functional>

using namespace ds;
using uitest::dimAt;

namespace {

// Presses F2 on a dimension's row and returns the dialog it opened.
ui::DimensionEditorDialog* pressF2On(ui::MainWindow& window, spec::DimRef ref) {
    ui::InputTreeView* tree = window.tree();
    const QModelIndex row = tree->viewIndexOfDim(ref, itemmodels::InputTreeModel::NameColumn);
    tree->scrollTo(row);
    tree->setCurrentIndex(row);
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_F2);
    return tree->findChild<ui::DimensionEditorDialog*>();
}

void typeAndConfirm(ui::DimensionEditorDialog* dialog, const QString& name,
                    document::RenameScope scope) {
    auto* edit = dialog->findChild<QLineEdit*>(QStringLiteral("name"));
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

class DimensionEditorTest : public QObject {
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
    void anAutoDimensionOpensAsAuto();
    void boundsAreValidatedAsTyped();
    void anEmptyNameMakesTheDimensionStatic();
    void aDerivedDimensionNeedsItsFormulaToFit();
    void setToFromTheChipMenu();
    void makeStaticForAWholeCacheIsOneStep();
    void theSelectionIsEditedAtOnce();
    void addedInputSetsCanBeNamedByRole();
};

void DimensionEditorTest::sameSizeAtSamePositionRenamesTheBatchDimensions() {
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

void DimensionEditorTest::sameSizeOnSequenceLength() {
    auto window = uitest::openWindow();
    document::DocumentContext& context = window->context();
    // input_ids is 2x3: position 1, size 3. attention_mask (2x1x3x96) has its 3 at position 2.
    auto* dialog = pressF2On(*window, dimAt(context, QStringLiteral("input_ids"), 1));
    QVERIFY(dialog);
    typeAndConfirm(dialog, QStringLiteral("seq"), document::RenameScope::SameSizeAtPosition);
    QCOMPARE(namedPaths(context, QStringLiteral("seq")), QStringList{"input_ids:1"});
}

void DimensionEditorTest::onlyThisDimension() {
    auto window = uitest::openWindow();
    document::DocumentContext& context = window->context();
    auto* dialog = pressF2On(*window, dimAt(context, QStringLiteral("attention_mask"), 0));
    QVERIFY(dialog);
    typeAndConfirm(dialog, QStringLiteral("batch"), document::RenameScope::ThisDimension);
    QCOMPARE(namedPaths(context, QStringLiteral("batch")), QStringList{"attention_mask:0"});
}

void DimensionEditorTest::sameNameRenamesTheWholeGroup() {
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

void DimensionEditorTest::aNameInUseLendsItsBounds() {
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

void DimensionEditorTest::invalidNamesCannotBeConfirmed() {
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

void DimensionEditorTest::oneUndoStepPerRename() {
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

namespace {

QPushButton* okButton(ui::DimensionEditorDialog* dialog) {
    return dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
}

void typeInto(ui::DimensionEditorDialog* dialog, const char* field, const QString& text) {
    auto* edit = dialog->findChild<QLineEdit*>(QString::fromLatin1(field));
    QVERIFY(edit);
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

// Opens the context menu at a chip and triggers the entry `path` ("Set to",
// "Dim.AUTO"): a real right click, the popup found and clicked on screen.
bool chooseFromChipMenu(ui::InputTreeView* tree, spec::DimRef ref, const QStringList& path) {
    const QPoint at = tree->chipRect(ref).center();
    if (at.isNull())
        return false;
    bool triggered = false;
    std::function<void(int)> step = [&](int level) {
        auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
        if (!menu) {
            QTimer::singleShot(20, [&, level] { step(level); });
            return;
        }
        for (QAction* action : menu->actions()) {
            if (action->text() != path.at(level) && !action->text().startsWith(path.at(level)))
                continue;
            if (level + 1 == path.size()) {
                triggered = action->isEnabled();
                menu->setActiveAction(action);
                QTest::keyClick(menu, Qt::Key_Return);
                return;
            }
            menu->setActiveAction(action);
            QTest::keyClick(menu, Qt::Key_Right); // opens the submenu
            QTimer::singleShot(20, [&, level] { step(level + 1); });
            return;
        }
        while (QWidget* popup = QApplication::activePopupWidget())
            popup->close(); // not there: close the whole menu, the test fails
    };
    QTimer::singleShot(20, [&] { step(0); });
    QContextMenuEvent event(QContextMenuEvent::Mouse, at, tree->viewport()->mapToGlobal(at));
    QApplication::sendEvent(tree->viewport(), &event);
    for (int i = 0; i < 10 && QApplication::activePopupWidget(); ++i) {
        QTest::keyClick(QApplication::activePopupWidget(), Qt::Key_Escape);
    }
    return triggered;
}

} // namespace

void DimensionEditorTest::anAutoDimensionOpensAsAuto() {
    auto window = uitest::openWindow();
    document::DocumentContext& context = window->context();
    const spec::DimRef ref = dimAt(context, QStringLiteral("input_ids"), 1);
    QVERIFY(context.decideDims({ref}, spec::DimSpec::makeHint(spec::DimSpec::HintKind::Auto))
                .isEmpty());
    auto* dialog = pressF2On(*window, ref);
    QVERIFY(dialog);
    auto* kind = dialog->findChild<QComboBox*>(QStringLiteral("kind"));
    QCOMPARE(kind->currentText().left(8), QStringLiteral("Dim.AUTO"));
    // Dim.DYNAMIC with bounds, typed into the real widgets.
    kind->setCurrentIndex(kind->findText(QStringLiteral("Dim.DYNAMIC"), Qt::MatchStartsWith));
    typeInto(dialog, "min", QStringLiteral("2"));
    typeInto(dialog, "max", QStringLiteral("4096"));
    dialog->setScope(document::RenameScope::ThisDimension);
    QVERIFY(okButton(dialog)->isEnabled());
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    const spec::DimSpec& after = context.spec().dim(ref);
    QCOMPARE(after.kind, spec::DimSpec::Kind::Hint);
    QCOMPARE(after.hint, spec::DimSpec::HintKind::Dynamic);
    QCOMPARE(after.min, std::optional<qint64>(2));
    QCOMPARE(after.max, std::optional<qint64>(4096));
    QVERIFY(context.specText(spec::SpecFormat::Python).contains(QStringLiteral("Dim.DYNAMIC")));
}

void DimensionEditorTest::boundsAreValidatedAsTyped() {
    auto window = uitest::openWindow();
    document::DocumentContext& context = window->context();
    const spec::DimRef ref = dimAt(context, QStringLiteral("input_ids"), 1); // size 3
    auto* dialog = pressF2On(*window, ref);
    QVERIFY(dialog);
    dialog->setName(QStringLiteral("seq"));
    dialog->setScope(document::RenameScope::ThisDimension);
    typeInto(dialog, "min", QStringLiteral("abc"));
    QVERIFY(!okButton(dialog)->isEnabled());
    QVERIFY2(dialog->message().contains(QStringLiteral("'abc' is not a whole number")),
             qPrintable(dialog->message()));
    typeInto(dialog, "min", QStringLiteral("8"));
    typeInto(dialog, "max", QStringLiteral("4"));
    QVERIFY(!okButton(dialog)->isEnabled());
    QVERIFY2(dialog->message().contains(QStringLiteral("must be above the minimum")),
             qPrintable(dialog->message()));
    // The example's size 3 must be inside the range, or export refuses it.
    typeInto(dialog, "max", QStringLiteral("64"));
    QVERIFY2(dialog->message().contains(QStringLiteral("size 3, outside 8..64")),
             qPrintable(dialog->message()));
    typeInto(dialog, "min", QStringLiteral("1"));
    QVERIFY(okButton(dialog)->isEnabled());
    QVERIFY(dialog->message().isEmpty());
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QCOMPARE(context.spec().dim(ref), spec::DimSpec::named(QStringLiteral("seq"), 1, 64));
    // The tree shows the bounds it got.
    ui::InputTreeView* tree = window->tree();
    QCOMPARE(tree->viewIndexOfDim(ref, itemmodels::InputTreeModel::MaxColumn).data().toString(),
             QStringLiteral("64"));
}

void DimensionEditorTest::anEmptyNameMakesTheDimensionStatic() {
    auto window = uitest::openWindow();
    document::DocumentContext& context = window->context();
    const spec::DimRef ref = dimAt(context, QStringLiteral("input_ids"), 0);
    QVERIFY(context.spec().dim(ref).isDynamic());
    auto* dialog = pressF2On(*window, ref);
    QVERIFY(dialog);
    typeInto(dialog, "name", QString());
    QCOMPARE(dialog->message(), QStringLiteral("An empty name makes the dimension static."));
    QVERIFY(okButton(dialog)->isEnabled());
    dialog->setScope(document::RenameScope::ThisDimension);
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QVERIFY(!context.spec().dim(ref).isDynamic());
}

void DimensionEditorTest::aDerivedDimensionNeedsItsFormulaToFit() {
    auto window = uitest::openWindow();
    document::DocumentContext& context = window->context();
    context.renameDim(dimAt(context, QStringLiteral("input_ids"), 1), QStringLiteral("seq"),
                      document::RenameScope::ThisDimension);
    const spec::DimRef mask = dimAt(context, QStringLiteral("attention_mask"), 3); // 96
    auto* dialog = pressF2On(*window, mask);
    QVERIFY(dialog);
    dialog->setChoice(ui::DimensionEditorDialog::Choice::Derived);
    dialog->setScope(document::RenameScope::ThisDimension);
    dialog->findChild<QComboBox*>(QStringLiteral("base"))->setCurrentText(QStringLiteral("seq"));
    auto* factor = dialog->findChild<QSpinBox*>(QStringLiteral("factor"));
    factor->setValue(31);
    QVERIFY(!okButton(dialog)->isEnabled());
    QVERIFY2(dialog->message().contains(QStringLiteral("31*seq gives 93")),
             qPrintable(dialog->message()));
    factor->setValue(32);
    QVERIFY2(okButton(dialog)->isEnabled(), qPrintable(dialog->message()));
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QCOMPARE(context.spec().dim(mask), spec::DimSpec::derived(QStringLiteral("seq"), 32, 0));
    QVERIFY(context.specText(spec::SpecFormat::Python).contains(QStringLiteral("32 * seq")) ||
            context.specText(spec::SpecFormat::Python).contains(QStringLiteral("32*seq")));
}

void DimensionEditorTest::setToFromTheChipMenu() {
    auto window = uitest::openWindow();
    document::DocumentContext& context = window->context();
    const spec::DimRef ref = dimAt(context, QStringLiteral("cache_position"), 0);
    QVERIFY(chooseFromChipMenu(window->tree(), ref,
                               {QStringLiteral("Set to"), QStringLiteral("Dim.AUTO")}));
    QCOMPARE(context.spec().dim(ref), spec::DimSpec::makeHint(spec::DimSpec::HintKind::Auto));
    QCOMPARE(context.undoStack().count(), 1);
}

void DimensionEditorTest::makeStaticForAWholeCacheIsOneStep() {
    auto window = uitest::openWindow();
    document::DocumentContext& context = window->context();
    const spec::DimRef key = dimAt(context, QStringLiteral("past_key_values.0.0"), 1);
    const spec::DimRef value = dimAt(context, QStringLiteral("past_key_values.1.0"), 1);
    QVERIFY(context.spec().dim(key).isDynamic() && context.spec().dim(value).isDynamic());
    QVERIFY(chooseFromChipMenu(window->tree(), key,
                               {QStringLiteral("Make static everywhere"),
                                QStringLiteral("Position 1 of every tensor of this StaticCache")}));
    QVERIFY(!context.spec().dim(key).isDynamic());
    QVERIFY(!context.spec().dim(value).isDynamic());
    QCOMPARE(context.undoStack().count(), 1);
    context.undoStack().undo();
    QVERIFY(context.spec().dim(value).isDynamic());
}

void DimensionEditorTest::theSelectionIsEditedAtOnce() {
    auto window = uitest::openWindow();
    document::DocumentContext& context = window->context();
    ui::InputTreeView* tree = window->tree();
    const spec::DimRef ids = dimAt(context, QStringLiteral("input_ids"), 0);
    const spec::DimRef position = dimAt(context, QStringLiteral("cache_position"), 0);
    // Two tensor rows selected with Ctrl+click; F2 edits their dimension 0.
    const QModelIndex a =
        tree->viewIndexOfTensor(ids.tensor, itemmodels::InputTreeModel::NameColumn);
    const QModelIndex b =
        tree->viewIndexOfTensor(position.tensor, itemmodels::InputTreeModel::NameColumn);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(a).center());
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, Qt::ControlModifier,
                      tree->visualRect(b).center());
    QCOMPARE(tree->selectedDims(0), (std::vector<spec::DimRef>{ids, position}));
    tree->editDimension(ids);
    auto* dialog = tree->findChild<ui::DimensionEditorDialog*>();
    QVERIFY(dialog);
    QCOMPARE(dialog->scope(), document::RenameScope::Selection);
    dialog->setChoice(ui::DimensionEditorDialog::Choice::Static);
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QVERIFY(!context.spec().dim(ids).isDynamic());
    QVERIFY(!context.spec().dim(position).isDynamic());
    QCOMPARE(context.undoStack().count(), 1);
}

void DimensionEditorTest::addedInputSetsCanBeNamedByRole() {
    QTemporaryDir dir;
    auto write = [&dir](const char* name, const char* text) {
        QFile file(dir.filePath(QString::fromLatin1(name)));
        file.open(QIODevice::WriteOnly);
        file.write(text);
        return file.fileName();
    };
    const QString a = write("a.txt", "dict(input_ids:T7s2x3,attention_mask:T7s2x3)");
    const QString b = write("b.txt", "dict(input_ids:T7s4x5,attention_mask:T7s4x5)");
    auto window = uitest::openWindow(a);
    document::DocumentContext& context = window->context();
    // File > Names for guessed dimensions > By role, as a user picks it.
    QAction* byRole = nullptr;
    QAction* byPosition = nullptr;
    for (QAction* top : window->menuBar()->actions())
        if (top->menu())
            for (QAction* item : top->menu()->actions())
                if (item->menu() && item->text()
                                        .remove(QLatin1Char('&'))
                                        .startsWith(QStringLiteral("Names for guessed")))
                    for (QAction* choice : item->menu()->actions()) {
                        const QString text = choice->text().remove(QLatin1Char('&'));
                        (text.startsWith(QStringLiteral("By role")) ? byRole : byPosition) = choice;
                    }
    QVERIFY(byRole && byPosition);
    QVERIFY(byPosition->isChecked());
    byRole->trigger();
    window->opener().addInputSet(b);
    window->opener().waitForLoad();
    QTRY_COMPARE(context.inputSetCount(), 2);
    QCOMPARE(context.spec().dim(dimAt(context, QStringLiteral("input_ids"), 0)).name,
             QStringLiteral("batch"));
    QCOMPARE(context.spec().dim(dimAt(context, QStringLiteral("attention_mask"), 1)).name,
             QStringLiteral("seq"));
    // Back to positions: guessed again, one undo step.
    byPosition->trigger();
    QCOMPARE(context.spec().dim(dimAt(context, QStringLiteral("input_ids"), 0)).name,
             QStringLiteral("d_0_0"));
    QCOMPARE(context.undoStack().count(), 1);
    context.undoStack().undo();
    QCOMPARE(context.spec().dim(dimAt(context, QStringLiteral("input_ids"), 0)).name,
             QStringLiteral("batch"));
    QSettings().remove(QStringLiteral("guess/naming"));
}

QTEST_MAIN(DimensionEditorTest)
#include "tst_dimensioneditor.moc"
