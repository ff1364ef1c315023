// Big inputs stay usable because an edit changes rows (dataChanged on the
// edited dimension's rows) and never resets the model. Times are measured by
// the benchmark programs in bench/, not asserted here: a loaded CI machine or a
// sanitizer build must not turn speed into a failing test.
#include "SpecPreviewPanel.h"
#include "UiTestSupport.h"

#include <QSignalSpy>

using namespace ds;

namespace {

// A DynamicCache of 50,000 layers: 100,000 tensors of rank 4 (as a type string,
// "#N[first,...]" stands for N copies of its first item).
QString bigInputs() {
    return QStringLiteral(
        "dict(input_ids:T7s2x3,past_key_values:DynamicCache("
        "key_cache=#50000[T1s2x8x30x64,...], value_cache=#50000[T1s2x8x30x64,...]))");
}

} // namespace

class BigTreeTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolateSettings(); }
    void hundredThousandTensorsToggleWithoutReset();
    void longPreviewArrivesInSlices();
};

void BigTreeTest::hundredThousandTensorsToggleWithoutReset() {
    auto window = uitest::openWindow(QString());
    document::PreparedInputs inputs =
        uitest::preparedTypeString(bigInputs()); // the worker thread's part
    QCOMPARE(inputs.session.spec().tensorCount(), 100001);
    window->context().setInputs(std::move(inputs));
    window->tree()->expandContainers();
    window->tree()->viewport()->repaint();

    // Toggle a visible chip and repaint: only that tensor's rows change.
    document::DocumentContext& context = window->context();
    QAbstractItemModel* model = window->tree()->model();
    QSignalSpy resets(model, &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy layouts(model, &QAbstractItemModel::layoutAboutToBeChanged);
    QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
    const spec::DimRef ref{1, 2};
    window->tree()->scrollTo(window->tree()->viewIndexOfTensor(1, 0));
    for (int i = 0; i < 10; ++i) {
        context.toggleDim(ref, i % 2 == 1);
        window->tree()->viewport()->repaint();
        QCOMPARE(context.spec().dim(ref).isDynamic(), i % 2 == 1);
    }
    QCOMPARE(resets.count(), 0);
    QCOMPARE(layouts.count(), 0);
    QVERIFY(changed.count() >= 10);
    for (const QList<QVariant>& args : changed) {
        const QModelIndex first = args.at(0).toModelIndex();
        const QModelIndex last = args.at(1).toModelIndex();
        // Each notice covers a few rows (the tensor and its dimension), never the tree.
        QVERIFY2(last.row() - first.row() < 8,
                 qPrintable(QString::number(last.row() - first.row())));
    }
}

// The preview of 100,000 tensors (megabytes) goes into the editor a slice
// per pass of the event loop, so the window keeps answering; a new text that
// arrives meanwhile replaces the one being put in, and the editor ends up
// holding exactly the latest spec.
void BigTreeTest::longPreviewArrivesInSlices() {
    auto window = uitest::openWindow(QString());
    window->context().setInputs(uitest::preparedTypeString(bigInputs()));
    document::DocumentContext& context = window->context();
    ui::SpecPreviewPanel* preview = window->preview();

    preview->refreshNow();
    const QString first = context.specText(preview->format());
    QVERIFY(first.size() > 10 * ui::SpecPreviewPanel::kCharactersPerPass);
    QCOMPARE(preview->text(), first); // what Copy copies: the whole text at once
    QVERIFY(preview->shownText().size() <= ui::SpecPreviewPanel::kCharactersPerPass);
    QVERIFY(first.startsWith(preview->shownText()));

    // Halfway through, an edit: the spec changes, the preview is asked again.
    QTRY_VERIFY(preview->shownText().size() > first.size() / 2);
    context.toggleDim(spec::DimRef{1, 0}, false);
    preview->refreshNow();
    const QString second = context.specText(preview->format());
    QVERIFY(second != first);
    QTRY_COMPARE_WITH_TIMEOUT(preview->shownText(), second, 60000);
}

QTEST_MAIN(BigTreeTest)
#include "tst_bigtree.moc"
