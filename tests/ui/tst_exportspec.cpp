// Export writes the text the preview shows, in every format and layout;
// Save spec / Open spec continue where the user stopped.
#include "ErrorReporter.h"
#include "SpecFiles.h"
#include "SpecPreviewPanel.h"
#include "UiTestSupport.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>

using namespace ds;
using uitest::dimAt;

namespace {

QString readFile(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll())
                                       : QStringLiteral("<missing>");
}

} // namespace

class ExportSpecTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolateSettings(); }
    void init() { QSettings().clear(); } // no layout or format carried over
    void exportWritesWhatThePreviewShows_data();
    void exportWritesWhatThePreviewShows();
    void allDynamicPprintIsTheSeedOutput();
    void defaultNameComesFromTheInputs();
    void saveAndOpenSpecContinueTheWork();
    void openSpecRejectsASpecOfOtherInputs();
    void failedWriteIsReportedOnce();
    void closingWithUnsavedEditsAsks();
};

void ExportSpecTest::exportWritesWhatThePreviewShows_data() {
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("layout");
    for (const QString& format : spec::allFormatNames())
        for (const char* layout : {"transformers", "flat"})
            QTest::addRow("%s %s", qPrintable(format), layout)
                << format << QString::fromLatin1(layout);
}

void ExportSpecTest::exportWritesWhatThePreviewShows() {
    QFETCH(QString, format);
    QFETCH(QString, layout);
    auto window = uitest::openWindow();
    document::DocumentContext& context = window->context();
    // Some edits first, so that the text is not the default one.
    context.renameDim(dimAt(context, QStringLiteral("input_ids"), 0), QStringLiteral("batch"),
                      document::RenameScope::SameSizeAtPosition);
    context.setBounds(dimAt(context, QStringLiteral("input_ids"), 0), 1, 64);
    context.toggleDim(dimAt(context, QStringLiteral("attention_mask"), 3), false);

    ui::SpecPreviewPanel* preview = window->preview();
    auto* layoutBox = preview->findChildren<QComboBox*>().at(1);
    layoutBox->setCurrentText(layout);
    preview->setFormat(*spec::formatFromName(format));
    QTRY_COMPARE(preview->shownText(), context.specText(*spec::formatFromName(format)));
    const QString shown = preview->shownText();
    QVERIFY(shown.contains(QStringLiteral("batch")));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("spec.out"));
    QVERIFY(window->specFiles().exportTo(path, preview->format()).ok());
    QCOMPARE(readFile(path), shown);
}

void ExportSpecTest::allDynamicPprintIsTheSeedOutput() {
    auto window = uitest::openWindow();
    window->preview()->setFormat(spec::SpecFormat::Pprint);
    window->preview()->refreshNow();
    QFile expected(
        uitest::fixture(QStringLiteral("pt/seed_static_cache_v449.transformers.pprint.txt")));
    QVERIFY(expected.open(QIODevice::ReadOnly));
    QCOMPARE(window->preview()->shownText(), QString::fromUtf8(expected.readAll()));
}

void ExportSpecTest::defaultNameComesFromTheInputs() {
    auto window = uitest::openWindow();
    const QString python = window->specFiles().defaultExportPath(spec::SpecFormat::Python);
    QCOMPARE(QFileInfo(python).fileName(),
             QStringLiteral("seed_static_cache_v449_dynamic_shapes.py"));
    QCOMPARE(QFileInfo(python).absolutePath(), QFileInfo(uitest::seedInputs()).absolutePath());
    QCOMPARE(QFileInfo(window->specFiles().defaultExportPath(spec::SpecFormat::Json)).fileName(),
             QStringLiteral("seed_static_cache_v449_spec.json"));
}

void ExportSpecTest::saveAndOpenSpecContinueTheWork() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("work.json"));
    spec::ShapeSpec edited;
    {
        auto window = uitest::openWindow();
        document::DocumentContext& context = window->context();
        context.renameDim(dimAt(context, QStringLiteral("input_ids"), 0), QStringLiteral("batch"),
                          document::RenameScope::SameSizeAtPosition);
        context.setBounds(dimAt(context, QStringLiteral("input_ids"), 0), 1, 1024);
        context.toggleDim(dimAt(context, QStringLiteral("past_key_values.0.0"), 3), false);
        QVERIFY(window->isWindowModified());
        QVERIFY(window->specFiles().saveTo(path).ok());
        QVERIFY(!window->isWindowModified());
        edited = context.spec();
    }
    auto window = uitest::openWindow();
    QVERIFY(window->context().spec() != edited);
    QVERIFY(window->specFiles().openSpec(path).ok());
    QCOMPARE(window->context().spec(), edited);
    QVERIFY(!window->context().isModified());
    QCOMPARE(window->specFiles().specPath(), path);
    window->context().undoStack().undo(); // opening a spec is an edit like any other
    QVERIFY(window->context().spec() != edited);
}

void ExportSpecTest::openSpecRejectsASpecOfOtherInputs() {
    auto window = uitest::openWindow();
    QSignalSpy reported(&window->errors(), &ui::ErrorReporter::reported);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("other.py"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{'pixels': {0: 'batch'}}\n");
    file.close();
    const spec::ShapeSpec before = window->context().spec();
    QVERIFY(!window->specFiles().openSpec(path).ok());
    QCOMPARE(reported.count(), 1);
    QVERIFY(reported.first().first().toString().contains(QStringLiteral("other.py")));
    QCOMPARE(window->context().spec(), before);
}

void ExportSpecTest::failedWriteIsReportedOnce() {
    auto window = uitest::openWindow();
    QSignalSpy reported(&window->errors(), &ui::ErrorReporter::reported);
    const QString path = QStringLiteral("/nonexistent-dir/spec.py");
    QVERIFY(!window->specFiles().exportTo(path, spec::SpecFormat::Python).ok());
    QCOMPARE(reported.count(), 1);
    QVERIFY(reported.first().first().toString().startsWith(QStringLiteral("Couldn't write file")));
}

void ExportSpecTest::closingWithUnsavedEditsAsks() {
    auto window = uitest::openWindow();
    window->setInteractive(true);
    document::DocumentContext& context = window->context();
    context.toggleDim(dimAt(context, QStringLiteral("input_ids"), 1), false);
    QVERIFY(window->isWindowModified());
    auto answer = [](QMessageBox::StandardButton button) {
        QTimer::singleShot(50, [button] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            QVERIFY(box);
            QVERIFY(box->text().contains(QStringLiteral("unsaved")));
            box->button(button)->click();
        });
    };
    answer(QMessageBox::Cancel);
    QVERIFY(!window->close());
    QVERIFY(window->isVisible());
    answer(QMessageBox::Discard);
    QVERIFY(window->close());
    // Closing keeps the window's layout for next time.
    QVERIFY(QSettings().contains(QStringLiteral("window/state")));
}

QTEST_MAIN(ExportSpecTest)
#include "tst_exportspec.moc"
