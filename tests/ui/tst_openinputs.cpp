// Bringing inputs in: background loads, errors shown once with file and
// reason, recent files, pasted type strings, input sets for guessing, the
// bundled example, and the command-line files.
#include "BackgroundLoad.h"
#include "ErrorReporter.h"
#include "InputsOpener.h"
#include "SpecPreviewPanel.h"
#include "UiTestSupport.h"
#include "document/RecentFiles.h"

#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QFile>
#include <QProgressDialog>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>

using namespace ds;
using uitest::dimAt;

namespace {

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
    const QString path = dir.filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(bytes);
    return path;
}

} // namespace

class OpenInputsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolateSettings(); }
    void init() { QSettings().clear(); }
    void backgroundOpenLoadsAndRemembers();
    void aBrokenFileIsReportedOnceAndChangesNothing();
    void recentFilesKeepTheLastTen();
    void aMissingRecentFileIsOfferedForRemoval();
    void pastedTypeStringOpens();
    void aBadPasteIsReportedWithItsColumn();
    void anotherInputSetGuessesTheSpec();
    void disagreeingInputSetIsRefused();
    void theBundledExampleComesWithItsReference();
    void progressShowsOnlyForSlowLoads();
    void layeredCachesOpenInTheLayersLayout();
};

void OpenInputsTest::backgroundOpenLoadsAndRemembers() {
    auto window = uitest::openWindow(QString());
    QSignalSpy opened(&window->opener(), &ui::InputsOpener::opened);
    window->opener().open(uitest::seedInputs());
    QTRY_COMPARE(opened.count(), 1);
    QVERIFY(window->context().hasInputs());
    QCOMPARE(window->context().spec().tensorCount(), 5);
    QCOMPARE(window->opener().recentFiles().paths().value(0),
             QFileInfo(uitest::seedInputs()).absoluteFilePath());
    QVERIFY(window->windowTitle().startsWith(QStringLiteral("seed_static_cache_v449.pt")));
}

void OpenInputsTest::aBrokenFileIsReportedOnceAndChangesNothing() {
    auto window = uitest::openWindow();
    QSignalSpy reported(&window->errors(), &ui::ErrorReporter::reported);
    QTemporaryDir dir;
    const QString broken = writeFile(dir, QStringLiteral("broken.txt"), "dict(a:T1s2x,");
    const spec::ShapeSpec before = window->context().spec();
    window->opener().open(broken);
    window->opener().waitForLoad();
    QTRY_COMPARE(reported.count(), 1);
    QTest::qWait(50);
    QCOMPARE(reported.count(), 1);
    const QString message = reported.first().first().toString();
    QVERIFY2(message.startsWith(QStringLiteral("Couldn't open file '")), qPrintable(message));
    QVERIFY(message.contains(QStringLiteral("broken.txt")));
    QVERIFY(message.contains(QLatin1Char('\n'))); // then the reason
    QCOMPARE(window->context().spec(), before);
    QVERIFY(!window->opener().recentFiles().paths().contains(broken));
}

void OpenInputsTest::recentFilesKeepTheLastTen() {
    document::RecentFiles recent;
    for (int i = 0; i < 12; ++i)
        recent.add(QStringLiteral("/tmp/f%1.pt").arg(i));
    QCOMPARE(recent.paths().size(), document::RecentFiles::kMaxCount);
    QCOMPARE(recent.paths().first(), QStringLiteral("/tmp/f11.pt"));
    recent.add(QStringLiteral("/tmp/f5.pt"));
    QCOMPARE(recent.paths().first(), QStringLiteral("/tmp/f5.pt"));
    QCOMPARE(recent.paths().count(QStringLiteral("/tmp/f5.pt")), 1);
    QSettings settings;
    recent.save(settings);
    document::RecentFiles reread;
    reread.load(settings);
    QCOMPARE(reread.paths(), recent.paths());
}

void OpenInputsTest::aMissingRecentFileIsOfferedForRemoval() {
    auto window = uitest::openWindow();
    const QString gone = QStringLiteral("/nonexistent/gone.pt");
    window->opener().recentFiles().add(gone);
    QVERIFY(window->opener().recentFiles().paths().contains(gone));
    window->opener().openRecent(gone); // not interactive: the question answers "remove"
    QVERIFY(!window->opener().recentFiles().paths().contains(gone));
}

void OpenInputsTest::pastedTypeStringOpens() {
    auto window = uitest::openWindow(QString());
    QApplication::clipboard()->setText(QStringLiteral("dict(x:T1s2x3,y:(T7s4,int))"));
    QVERIFY(window->opener().pasteInputs().ok());
    QCOMPARE(window->context().spec().tensorCount(), 2);
    QCOMPARE(window->context().documentName(), QStringLiteral("clipboard"));
}

void OpenInputsTest::aBadPasteIsReportedWithItsColumn() {
    auto window = uitest::openWindow();
    QSignalSpy reported(&window->errors(), &ui::ErrorReporter::reported);
    QApplication::clipboard()->setText(QStringLiteral("dict(x:T1s2x3,"));
    QVERIFY(!window->opener().pasteInputs().ok());
    QCOMPARE(reported.count(), 1);
    QVERIFY(reported.first().first().toString().contains(QStringLiteral("clipboard")));
    QCOMPARE(window->context().spec().tensorCount(), 5); // the seed is still open
}

void OpenInputsTest::anotherInputSetGuessesTheSpec() {
    QTemporaryDir dir;
    const QString a = writeFile(dir, QStringLiteral("a.txt"), "dict(ids:T7s2x3,mask:T7s2x3)");
    const QString b = writeFile(dir, QStringLiteral("b.txt"), "dict(ids:T7s4x3,mask:T7s4x3)");
    auto window = uitest::openWindow(a);
    window->opener().addInputSet(b);
    window->opener().waitForLoad();
    document::DocumentContext& context = window->context();
    QTRY_COMPARE(context.inputSetCount(), 2);
    QVERIFY(context.spec().dim(dimAt(context, QStringLiteral("ids"), 0)).isDynamic());
    QVERIFY(!context.spec().dim(dimAt(context, QStringLiteral("ids"), 1)).isDynamic());
    QVERIFY(context.documentName().contains(QStringLiteral("1 more set")));
}

void OpenInputsTest::disagreeingInputSetIsRefused() {
    QTemporaryDir dir;
    const QString a = writeFile(dir, QStringLiteral("a.txt"), "dict(ids:T7s2x3)");
    const QString b = writeFile(dir, QStringLiteral("b.txt"), "dict(ids:T7s2x3x5)");
    auto window = uitest::openWindow(a);
    QSignalSpy reported(&window->errors(), &ui::ErrorReporter::reported);
    window->opener().addInputSet(b);
    window->opener().waitForLoad();
    QTRY_COMPARE(reported.count(), 1);
    QCOMPARE(window->context().inputSetCount(), 1);
}

void OpenInputsTest::theBundledExampleComesWithItsReference() {
    auto window = uitest::openWindow(QString());
    QVERIFY(window->opener().openExample().ok());
    document::DocumentContext& context = window->context();
    QCOMPARE(context.spec().tensorCount(), 5);
    QVERIFY(context.hasReference());
    QVERIFY(!context.hasInputFile()); // Save/Export never default to the resources
    QVERIFY(window->windowTitle().contains(QStringLiteral("bundled example")));
    QVERIFY(context.inputs().warnings.isEmpty()); // read from the .pt, not the fallback
}

void OpenInputsTest::progressShowsOnlyForSlowLoads() {
    QWidget parent;
    parent.show();
    ui::BackgroundLoad load(&parent);
    auto progressShown = [&parent] {
        for (auto* dialog : parent.findChildren<QProgressDialog*>())
            if (dialog->isVisible())
                return true;
        return false;
    };
    bool delivered = false;
    auto done = [&delivered](const Result<document::PreparedInputs>& result) {
        delivered = result.ok();
    };

    load.start(
        QStringLiteral("fast"), [] { return document::loadPreparedInputs(uitest::seedInputs()); },
        done);
    QTRY_VERIFY(delivered);
    QVERIFY(!progressShown());

    delivered = false;
    QElapsedTimer clock;
    clock.start();
    load.start(
        QStringLiteral("slow"),
        [] {
            QThread::msleep(900);
            return document::loadPreparedInputs(uitest::seedInputs());
        },
        done);
    QTRY_VERIFY(progressShown());
    QVERIFY(clock.elapsed() >= ui::BackgroundLoad::kProgressDelayMs);
    QTRY_VERIFY(delivered);
    QTRY_VERIFY(!progressShown());
}

// Real transformers 5.12 caches (fixtures/models): layers other than
// DynamicLayer are edited and previewed in the layers layout, each layer row
// showing its class, its own tensors and its sliding window.
void OpenInputsTest::layeredCachesOpenInTheLayersLayout() {
    const auto layerOf = [](ui::MainWindow& w, const QString& field) {
        const auto* model = w.tree()->treeModel();
        const spec::ShapeSpec& spec = w.context().spec();
        for (int t = 0; t < spec.tensorCount(); ++t) {
            const QModelIndex tensor = model->tensorIndex(t);
            if (tensor.data().toString() == field)
                return tensor.parent();
        }
        return QModelIndex();
    };
    auto jamba = uitest::openWindow(uitest::fixture(QStringLiteral("models/jamba/inputs_a.pt")));
    QCOMPARE(jamba->context().session().layout(), caches::CacheLayout::Layers);
    QCOMPARE(jamba->context().outputLayout(), caches::CacheLayout::Layers);
    const QModelIndex linear = layerOf(*jamba, QStringLiteral("conv_states"));
    QVERIFY(linear.isValid());
    QCOMPARE(linear.siblingAtColumn(itemmodels::InputTreeModel::KindColumn).data().toString(),
             QStringLiteral("LinearAttentionLayer"));
    QCOMPARE(linear.siblingAtColumn(itemmodels::InputTreeModel::KindColumn)
                 .data(Qt::ToolTipRole)
                 .toString(),
             QStringLiteral("transformers.cache_utils.LinearAttentionLayer"));
    const auto* model = jamba->tree()->treeModel();
    QCOMPARE(model->rowCount(linear), 2);
    QCOMPARE(model->index(1, 0, linear).data().toString(), QStringLiteral("recurrent_states"));
    jamba->preview()->refreshNow();
    QVERIFY2(jamba->preview()->text().contains(QLatin1String("'past_key_values': [[{0: 'd_3_0'")),
             qPrintable(jamba->preview()->text()));

    auto gemma = uitest::openWindow(uitest::fixture(QStringLiteral("models/gemma2/inputs_a.pt")));
    const QModelIndex sliding = layerOf(*gemma, QStringLiteral("keys"));
    QCOMPARE(sliding.siblingAtColumn(itemmodels::InputTreeModel::ShapeColumn).data().toString(),
             QStringLiteral("2 tensors · window 16"));
    gemma->preview()->refreshNow();
    QVERIFY(gemma->preview()->text().contains(QLatin1String("Dim.DYNAMIC")));

    // Plain DynamicLayers stay in transformers' own layout.
    auto llama = uitest::openWindow(uitest::fixture(QStringLiteral("models/llama/inputs_a.pt")));
    QCOMPARE(llama->context().session().layout(), caches::CacheLayout::Transformers);
}

QTEST_MAIN(OpenInputsTest)
#include "tst_openinputs.moc"
