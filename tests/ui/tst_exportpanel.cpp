// The Export panel driven as a user does: a torch error pasted from the
// clipboard (recorded from torch 2.14), a verify's answers (recorded from the
// real runner) shown on the tree and in the list, Apply suggested fixes; each
// change one undo step, each row selecting its dimension.
#include "ExportPanel.h"
#include "RecordedRunner.h"
#include "SpecFiles.h"
#include "UiTestSupport.h"
#include "itemmodels/ExportListModel.h"
#include "itemmodels/ExportOutcomeText.h"
#include "itemmodels/ShapeChips.h"

#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QtTest>

using namespace ds;

namespace {

QString models(const char* path) {
    return uitest::fixture(QStringLiteral("models/") + QLatin1String(path));
}
QString errors(const char* path) {
    return uitest::fixture(QStringLiteral("torch_errors/") + QLatin1String(path));
}
QString readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// The window on llama's inputs with the recorded round's spec, in the
// transformers layout (the one the app edits in).
std::unique_ptr<ui::MainWindow> llamaWithSpec(const char* spec) {
    auto window = uitest::openWindow(models("llama/inputs_a.pt"));
    if (!window->specFiles().openSpec(errors(spec)))
        qFatal("cannot open the spec");
    return window;
}

const itemmodels::ExportListModel& listOf(ui::MainWindow& w) {
    return *static_cast<const itemmodels::ExportListModel*>(w.exportPanel()->list()->model());
}

} // namespace

class ExportPanelTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolateSettings(); }

    void pastedErrorIsOneUndoStepThatRowsExplain() {
        auto window = llamaWithSpec("llama_transformers_all_dynamic_r0.spec.py");
        auto& context = window->context();
        const spec::ShapeSpec before = context.spec();
        const int steps = context.undoStack().count();
        QApplication::clipboard()->setText(
            readAll(errors("llama_transformers_all_dynamic_r0.error.txt")));
        window->exportDock()->show();
        QPushButton* paste = window->exportPanel()->findChild<QPushButton*>();
        for (QPushButton* b : window->exportPanel()->findChildren<QPushButton*>())
            if (b->text().contains(QLatin1String("error")))
                paste = b;
        QTest::mouseClick(paste, Qt::LeftButton);

        QCOMPARE(context.undoStack().count(), steps + 1);
        // torch's own refine of the same text.
        auto refined =
            session::readSpecFile(errors("llama_transformers_all_dynamic_r0.refined.py"));
        QVERIFY(refined);
        const spec::ShapeSpec torchs = context.session().read(refined.value()).aligned.spec;
        for (int t = 0; t < torchs.tensorCount(); ++t)
            for (int d = 0; d < torchs.rank(t); ++d)
                QCOMPARE(context.spec().dim(t, d).isDynamic(), torchs.dim(t, d).isDynamic());
        QCOMPARE(
            context.spec().dim(uitest::dimAt(context, QStringLiteral("attention_mask"), 1)).min,
            std::optional<qint64>(4));

        // Every change is a row; a click on one selects its dimension.
        const auto& rows = listOf(*window).rows();
        QCOMPARE(static_cast<int>(rows.size()), 16);
        QCOMPARE(rows.front().what, QStringLiteral("change"));
        QVERIFY(window->exportPanel()->summary()->text().contains(QLatin1String("16 changes")));
        QTableView* list = window->exportPanel()->list();
        const QModelIndex row = list->model()->index(5, 0);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(row).center());
        QCOMPARE(context.currentDim(), rows[5].ref);

        QTest::keySequence(window.get(), QKeySequence::Undo);
        QCOMPARE(context.spec(), before);
    }

    void linesThatCannotBeAppliedAreListed() {
        auto window = llamaWithSpec("llama_transformers_all_dynamic_r0.spec.py");
        QVERIFY(window->exportPanel()->applyExportError(QStringLiteral(
            "Suggested fixes:\n  d_1_1 = Dim('d_1_1', min=4)\n  ghost = Dim('ghost', min=2)\n")));
        const auto& rows = listOf(*window).rows();
        QCOMPARE(static_cast<int>(rows.size()), 2);
        QCOMPARE(rows[1].what, QStringLiteral("not applied"));
        QVERIFY(rows[1].detail.contains(QLatin1String("no dimension is named ghost")));
        QVERIFY(!window->exportPanel()->applyExportError(QStringLiteral("hello")));
    }

    // A verify's answers, as the real runner gave them: refused, then fixed
    // and exported; the tree shows what export made of each dimension.
    void verifyReportOnTheTreeAndApplyFixes() {
        auto window = uitest::openWindow(models("llama/inputs_a.pt"));
        auto& context = window->context();
        auto recorded = RecordedRunner::load(
            uitest::fixture(QStringLiteral("runner_answers/llama_all_dynamic_fix.jsonl")));
        QVERIFY(recorded);
        runner::VerifyOptions options;
        options.model = {true, models("llama/config.json"), QString()};
        options.otherInputs = models("llama/inputs_b.pt");
        options.changeDims = true;
        auto report = runner::verifyWith(recorded->source(), recorded->environment,
                                         context.session(), options, true);
        QVERIFY(report);
        QCOMPARE(recorded->mismatches, QStringList());
        QVERIFY(report.value().succeeded());
        const int steps = context.undoStack().count();
        context.setVerifyReport(std::move(report).value());

        auto* model = window->tree()->model();
        const spec::DimRef mask = uitest::dimAt(context, QStringLiteral("attention_mask"), 1);
        const QModelIndex cell =
            window->tree()->viewIndexOfDim(mask, itemmodels::InputTreeModel::ExportColumn);
        QVERIFY(cell.isValid());
        QVERIFY2(cell.data().toString().startsWith(QLatin1String("kept s")),
                 qPrintable(cell.data().toString()));
        QVERIFY(cell.data(Qt::ToolTipRole)
                    .toString()
                    .contains(QLatin1String("asked: Dim('d_1_1', min=4)")) ||
                cell.data(Qt::ToolTipRole).toString().contains(QLatin1String("asked")));
        (void)model;
        // The heads axis torch made a constant: fixed by the loop, so shown static now.
        QVERIFY(window->exportPanel()->summary()->text().startsWith(
            QLatin1String("Exported after 2 rounds")));
        QVERIFY(window->exportPanel()->applyButton()->isEnabled());
        QTest::mouseClick(window->exportPanel()->applyButton(), Qt::LeftButton);
        QCOMPARE(context.undoStack().count(), steps + 1);
        QCOMPARE(context.undoStack().undoText(), QStringLiteral("Apply torch's suggested fixes"));
        QCOMPARE(context.spec(), context.verifyReport()->finalSpec);
        QVERIFY(!window->exportPanel()->applyButton()->isEnabled());
        // The list shows the problems torch saw and the runs against eager.
        bool problem = false, eager = false;
        for (const auto& row : listOf(*window).rows()) {
            problem |= row.what == QLatin1String("problem") && row.ref.tensor >= 0;
            eager |= row.what == QLatin1String("matches eager");
        }
        QVERIFY(problem && eager);
    }

    // Gemma 2's sliding window needs the layers layout: the app verifies there
    // and the document now edits there too.
    void slidingWindowsVerifyInTheLayersLayout() {
        auto window = uitest::openWindow(models("gemma2/inputs_a.pt"));
        auto& context = window->context();
        QVERIFY(window->specFiles().openSpec(
            uitest::fixture(QStringLiteral("runner_answers/gemma2_semantic_layers.spec.json"))));
        QCOMPARE(runner::verifyLayout(*context.inputs().root), caches::CacheLayout::Layers);
        const session::Session verified =
            session::inLayout(context.session(), runner::verifyLayout(*context.inputs().root));
        QCOMPARE(verified.layout(), caches::CacheLayout::Layers);
        auto recorded = RecordedRunner::load(
            uitest::fixture(QStringLiteral("runner_answers/gemma2_guess_layers.jsonl")));
        QVERIFY(recorded);
        runner::VerifyOptions options;
        options.model = {true, models("gemma2/config.json"), QString()};
        options.otherInputs = models("gemma2/inputs_b.pt");
        options.changeDims = true;
        auto report =
            runner::verifyWith(recorded->source(), recorded->environment, verified, options, true);
        QVERIFY(report);
        QCOMPARE(recorded->mismatches, QStringList()); // the app asks what the command line asked
        QVERIFY(report.value().succeeded());
        context.setVerifyReport(
            runner::remapReport(report.value(), verified.tree(), context.tree()));
        // The attention mask's length, in the document's own tree.
        const spec::DimRef mask = uitest::dimAt(context, QStringLiteral("attention_mask"), 1);
        const exported::DimOutcomeRow* outcome = context.exportOutcome(mask);
        QVERIFY(outcome);
        QCOMPARE(outcome->requested.min, std::optional<qint64>(18)); // torch's fix, recorded
        // Apply: the spec the layers layout exported, back in the document's layout.
        window->exportPanel()->applyButton()->click();
        QCOMPARE(context.spec().dim(mask).min, std::optional<qint64>(18));
    }

    // New inputs drop what the old ones' verify said.
    // A saved exported program (torch 2.14, fixtures/exported) opened beside
    // its inputs: the list and the tree's Export column say what export made
    // of each dimension, and follow the spec as it is edited.
    void openedExportedProgramFollowsTheSpec() {
        const QString dir = uitest::fixture(QStringLiteral("exported/"));
        auto window = uitest::openWindow(dir + QStringLiteral("llama_auto.inputs.pt"));
        auto& context = window->context();
        QVERIFY(window->specFiles().openSpec(dir + QStringLiteral("llama_auto.spec.json")));
        QVERIFY(window->exportPanel()->openExportedProgram(dir +
                                                           QStringLiteral("llama_auto.t214.pt2")));
        QVERIFY(context.artifactDiff());
        const auto& list = listOf(*window);
        QCOMPARE(list.rowCount(), 2);
        QCOMPARE(list.index(0, 0).data().toString(), QStringLiteral("specialized"));
        QVERIFY(window->exportPanel()->summary()->text().contains(
            QStringLiteral("llama_auto.t214.pt2: kept 10, specialized 2")));
        // Click the row: its dimension is the keys' head dimension, shown specialized.
        const QModelIndex row = list.index(0, 1);
        const spec::DimRef ref{row.data(itemmodels::Roles::TensorIndexRole).toInt(),
                               row.data(itemmodels::Roles::DimIndexRole).toInt()};
        QCOMPARE(ref.dim, 3);
        const auto* model = window->tree()->treeModel();
        QCOMPARE(model->dimIndex(ref, itemmodels::InputTreeModel::ExportColumn).data().toString(),
                 QStringLiteral("constant 8"));
        // Its chip is drawn in the specialized colour; the batch chip is not.
        const auto chips = model->tensorIndex(ref.tensor, itemmodels::InputTreeModel::ShapeColumn)
                               .data(itemmodels::Roles::ShapeChipsRole)
                               .value<itemmodels::ShapeChips>()
                               .chips;
        QCOMPARE(chips[3].exportColor,
                 itemmodels::exportOutcomeColor(exported::DimOutcome::Specialized));
        QVERIFY(!chips[0].exportColor.isValid());
        // Making both head dimensions static is what export did: nothing differs.
        context.toggleDim(ref, false);
        context.toggleDim({list.index(0, 1).data(itemmodels::Roles::TensorIndexRole).toInt(), 3},
                          false);
        QTRY_COMPARE(list.rowCount(), 0);
        QVERIFY(context.artifactDiff()->clean());
        // A bad archive is one message, and the comparison stays.
        QVERIFY(!window->exportPanel()->openExportedProgram(
            dir + QStringLiteral("hostile_schema99.pt2")));
        QVERIFY(context.artifactDiff());
    }

    void newInputsDropTheReport() {
        auto window = llamaWithSpec("llama_transformers_all_dynamic_r0.spec.py");
        QVERIFY(window->exportPanel()->applyExportError(
            readAll(errors("llama_transformers_all_dynamic_r0.error.txt"))));
        QVERIFY(window->context().pastedVerdict());
        QVERIFY(window->opener().openNow(uitest::seedInputs()));
        QVERIFY(!window->context().pastedVerdict());
        QCOMPARE(listOf(*window).rowCount(), 0);
    }

    // With a reference environment (the CI export stage sets
    // DIMSTUDIO_TEST_PYTHON), the real runner from the window.
    void liveVerifyInYourPython() {
        const QString python = qEnvironmentVariable("DIMSTUDIO_TEST_PYTHON");
        if (python.isEmpty())
            QSKIP("set DIMSTUDIO_TEST_PYTHON to a Python with torch 2.14 (the export stage does)");
        auto window = uitest::openWindow(models("llama/inputs_a.pt"));
        runner::VerifyOptions options;
        options.model = {true, models("llama/config.json"), QString()};
        QSignalSpy done(window->exportPanel(), &ui::ExportPanel::verifyFinished);
        window->exportPanel()->startVerify(options, python, true);
        QVERIFY(window->exportPanel()->job().isRunning());
        QVERIFY(done.wait(300000));
        const runner::VerifyReport* report = window->context().verifyReport();
        QVERIFY(report);
        QVERIFY(report->exported);
        const spec::DimRef mask =
            uitest::dimAt(window->context(), QStringLiteral("attention_mask"), 1);
        QVERIFY(window->context().exportOutcome(mask));
        // A second verify reuses the warm runner.
        QElapsedTimer clock;
        clock.start();
        window->exportPanel()->startVerify(options, python, true);
        QVERIFY(done.wait(300000));
        qInfo("second verify: %lld ms", clock.elapsed());
    }
};

QTEST_MAIN(ExportPanelTest)
#include "tst_exportpanel.moc"
