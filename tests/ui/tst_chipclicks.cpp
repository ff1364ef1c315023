// Clicking a dimension chip in the real tree toggles exactly that dimension
// and the preview follows; a double click renames instead of toggling.
#include "DimensionEditorDialog.h"
#include "SpecPreviewPanel.h"
#include "UiTestSupport.h"

#include <QApplication>

using namespace ds;
using uitest::dimAt;

namespace {

// Every dimension whose decision differs between two specs.
QList<spec::DimRef> differences(const spec::ShapeSpec& a, const spec::ShapeSpec& b) {
    QList<spec::DimRef> refs;
    for (int t = 0; t < a.tensorCount(); ++t)
        for (int d = 0; d < a.rank(t); ++d)
            if (a.dim(t, d) != b.dim(t, d))
                refs << spec::DimRef{t, d};
    return refs;
}

void clickChip(ui::InputTreeView* tree, spec::DimRef ref) {
    const QRect chip = tree->chipRect(ref);
    QVERIFY2(!chip.isEmpty(), "chip not shown");
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, chip.center());
}

} // namespace

class ChipClickTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolateSettings(); }
    void init() { QSettings().clear(); } // no layout or format carried over
    void clickTogglesExactlyThatDimension_data();
    void clickTogglesExactlyThatDimension();
    void clickUpdatesThePreview();
    void clickSelectsTheDimensionForSharedNames();
    void clickBesideTheChipsTogglesNothing();
    void doubleClickRenamesWithoutToggling();
    void undoShortcutTakesTheClickBack();
    void cancelledDoubleClickLeavesNoUndoOrRedoStep();
};

void ChipClickTest::clickTogglesExactlyThatDimension_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("dim");
    QTest::newRow("input_ids first") << "input_ids" << 0;
    QTest::newRow("input_ids last") << "input_ids" << 1;
    QTest::newRow("attention_mask third") << "attention_mask" << 2;
    QTest::newRow("cache key last") << "past_key_values.0.0" << 3;
    QTest::newRow("cache value first") << "past_key_values.1.0" << 0;
}

void ChipClickTest::clickTogglesExactlyThatDimension() {
    QFETCH(QString, path);
    QFETCH(int, dim);
    auto window = uitest::openWindow();
    document::DocumentContext& context = window->context();
    const spec::DimRef ref = dimAt(context, path, dim);
    const spec::ShapeSpec before = context.spec();
    clickChip(window->tree(), ref);
    QCOMPARE(differences(before, context.spec()), QList<spec::DimRef>{ref});
    QVERIFY(!context.spec().dim(ref).isDynamic());
    clickChip(window->tree(), ref); // and back
    QCOMPARE(context.spec(), before);
}

void ChipClickTest::clickUpdatesThePreview() {
    auto window = uitest::openWindow();
    document::DocumentContext& context = window->context();
    ui::SpecPreviewPanel* preview = window->preview();
    preview->setFormat(spec::SpecFormat::Pprint);
    QTRY_COMPARE(preview->shownText(), context.specText(spec::SpecFormat::Pprint));
    QVERIFY(preview->shownText().contains(QStringLiteral("'d_2_0'")));
    clickChip(window->tree(), dimAt(context, QStringLiteral("cache_position"), 0));
    QTRY_VERIFY(!preview->shownText().contains(QStringLiteral("'d_2_0'")));
    QCOMPARE(preview->shownText(), context.specText(spec::SpecFormat::Pprint));
    QVERIFY(preview->shownText().contains(QStringLiteral("'cache_position': {}")));
}

void ChipClickTest::clickSelectsTheDimensionForSharedNames() {
    auto window = uitest::openWindow();
    document::DocumentContext& context = window->context();
    const spec::DimRef ref = dimAt(context, QStringLiteral("attention_mask"), 0);
    context.renameDim(ref, QStringLiteral("batch"), document::RenameScope::SameSizeAtPosition);
    clickChip(window->tree(), ref); // static now
    clickChip(window->tree(), ref); // dynamic again, named batch
    QCOMPARE(context.currentDim(), ref);
    QCOMPARE(context.sharedName(), QStringLiteral("batch"));
}

void ChipClickTest::clickBesideTheChipsTogglesNothing() {
    auto window = uitest::openWindow();
    document::DocumentContext& context = window->context();
    const spec::DimRef ref = dimAt(context, QStringLiteral("input_ids"), 1);
    const QRect last = window->tree()->chipRect(ref);
    const spec::ShapeSpec before = context.spec();
    QTest::mouseClick(window->tree()->viewport(), Qt::LeftButton, {},
                      QPoint(last.right() + 40, last.center().y()));
    QCOMPARE(context.spec(), before);
    QCOMPARE(context.undoStack().count(), 0);
}

namespace {

// What a real double click on a chip delivers: press, release, double click;
// the rename dialog it opens.
ui::DimensionEditorDialog* doubleClickChip(ui::InputTreeView* tree, spec::DimRef ref) {
    const QPoint at = tree->chipRect(ref).center();
    QTest::mousePress(tree->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseRelease(tree->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(tree->viewport(), Qt::LeftButton, {}, at);
    return tree->findChild<ui::DimensionEditorDialog*>();
}

} // namespace

void ChipClickTest::doubleClickRenamesWithoutToggling() {
    auto window = uitest::openWindow();
    document::DocumentContext& context = window->context();
    const spec::DimRef ref = dimAt(context, QStringLiteral("input_ids"), 0);
    const spec::ShapeSpec before = context.spec();
    auto* dialog = doubleClickChip(window->tree(), ref);
    QVERIFY(dialog);
    QCOMPARE(context.spec(), before);
    dialog->setName(QStringLiteral("batch"));
    dialog->setScope(document::RenameScope::ThisDimension);
    dialog->accept();
    QCOMPARE(context.spec().dim(ref).name, QStringLiteral("batch"));
    QCOMPARE(differences(before, context.spec()), QList<spec::DimRef>{ref});
    // One step, the rename; nothing to redo.
    QCOMPARE(context.undoStack().count(), 1);
    QVERIFY(!context.undoStack().canRedo());
    QCOMPARE(context.undoStack().undoText(), QStringLiteral("Rename to batch"));
}

void ChipClickTest::cancelledDoubleClickLeavesNoUndoOrRedoStep() {
    auto window = uitest::openWindow();
    document::DocumentContext& context = window->context();
    const spec::DimRef ref = dimAt(context, QStringLiteral("input_ids"), 0);
    const spec::ShapeSpec before = context.spec();
    auto* dialog = doubleClickChip(window->tree(), ref);
    QVERIFY(dialog);
    dialog->reject();
    QCOMPARE(context.spec(), before);
    QCOMPARE(context.undoStack().count(), 0);
    QVERIFY(!context.undoStack().canUndo());
    QVERIFY(!context.undoStack().canRedo());
    QVERIFY(!context.isModified());
    QVERIFY(!window->isWindowModified());
}

void ChipClickTest::undoShortcutTakesTheClickBack() {
    auto window = uitest::openWindow();
    document::DocumentContext& context = window->context();
    const spec::ShapeSpec before = context.spec();
    clickChip(window->tree(), dimAt(context, QStringLiteral("input_ids"), 1));
    QVERIFY(context.isModified());
    QVERIFY(window->isWindowModified());
    QTest::keySequence(window.get(), QKeySequence::Undo);
    QCOMPARE(context.spec(), before);
    QVERIFY(!window->isWindowModified());
    QTest::keySequence(window.get(), QKeySequence::Redo);
    QVERIFY(context.spec() != before);
}

QTEST_MAIN(ChipClickTest)
#include "tst_chipclicks.moc"
