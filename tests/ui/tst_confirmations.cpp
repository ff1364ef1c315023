// What the window says and asks (issue 16, items 6 and 9): confirmations
// after Export, Save and Copy; messages that name the clipboard, not a file;
// dialogs that start beside the inputs with a sensible name; a reference
// bound to its inputs; questions before edits that would rewrite a spec.
#include "ComparisonPanel.h"
#include "ErrorReporter.h"
#include "SpecFiles.h"
#include "SpecPreviewPanel.h"
#include "UiTestSupport.h"
#include "session/SpecReading.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTimer>

#include <functional>

using namespace ds;
using uitest::dimAt;

namespace {

// Runs `handle` on the next modal widget (a dialog a slot opens and waits on).
// The polling timer belongs to the application, so nothing outlives the test.
void onNextModal(std::function<void(QWidget*)> handle) {
    auto* timer = new QTimer(QCoreApplication::instance());
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, handle] {
        if (QWidget* modal = QApplication::activeModalWidget()) {
            timer->stop();
            timer->deleteLater();
            handle(modal);
        }
    });
    timer->start();
}

QAction* menuAction(QMainWindow& window, const QString& menu, const QString& text) {
    for (QAction* top : window.menuBar()->actions()) {
        if (QString(top->text()).remove(QLatin1Char('&')) != menu || !top->menu())
            continue;
        for (QAction* action : top->menu()->actions())
            if (QString(action->text()).remove(QLatin1Char('&')) == text)
                return action;
    }
    return nullptr;
}

} // namespace

class ConfirmationsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolateSettings(); }
    void init() { QSettings().clear(); }
    void aBadPastedReferenceNamesTheClipboard();
    void exportSaveAndCopyAreConfirmed();
    void exportStartsBesideTheInputsWithTheirName();
    void withoutAnInputFileDialogsStartWhereDimStudioStarted();
    void saveSpecAsHasItsShortcut();
    void helpHasMoreThanAbout();
    void openSpecAsksBeforeReplacingEdits();
    void theEmptyWindowSaysHowToStart();
    void aReferenceStaysWithItsInputs();
    void adoptingAReferenceThatDoesNotFitAsks();
    void theStatusBarDoesNotSaySameOnAMismatch();
    void floatsReadAsPythonPrintsThem();
};

void ConfirmationsTest::aBadPastedReferenceNamesTheClipboard() {
    auto window = uitest::openWindow();
    QSignalSpy reported(&window->errors(), &ui::ErrorReporter::reported);
    QApplication::clipboard()->setText(QStringLiteral("this is ((( not a spec"));
    QVERIFY(!window->comparison()->pasteReference().ok());
    QCOMPARE(reported.count(), 1);
    const QString message = reported.first().first().toString();
    QVERIFY2(message.startsWith(QStringLiteral("Couldn't read the clipboard's text\n")),
             qPrintable(message));
    QVERIFY(!message.contains(QStringLiteral("file 'clipboard'")));
}

void ConfirmationsTest::exportSaveAndCopyAreConfirmed() {
    auto window = uitest::openWindow();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("spec.py"));
    QVERIFY(window->specFiles().exportTo(path, spec::SpecFormat::Python).ok());
    QVERIFY2(window->statusBar()->currentMessage().startsWith(
                 QStringLiteral("Exported the spec (python) to ")),
             qPrintable(window->statusBar()->currentMessage()));
    QVERIFY(window->specFiles().saveTo(dir.filePath(QStringLiteral("s.json"))).ok());
    QVERIFY(window->statusBar()->currentMessage().startsWith(QStringLiteral("Saved the spec to ")));

    // Ctrl+C on two selected rows of the tree.
    ui::InputTreeView* tree = window->tree();
    document::DocumentContext& context = window->context();
    const QModelIndex a =
        tree->viewIndexOfTensor(dimAt(context, QStringLiteral("input_ids"), 0).tensor,
                                itemmodels::InputTreeModel::NameColumn);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(a).center());
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, Qt::ShiftModifier,
                      tree->visualRect(a.siblingAtRow(a.row() + 1)).center());
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(window->statusBar()->currentMessage(), QStringLiteral("Copied 2 rows"));

    // The preview's Copy button.
    auto* copy = window->preview()->findChild<QPushButton*>();
    for (QPushButton* b : window->preview()->findChildren<QPushButton*>())
        if (b->text().remove(QLatin1Char('&')) == QStringLiteral("Copy"))
            copy = b;
    QTest::mouseClick(copy, Qt::LeftButton);
    QVERIFY2(window->statusBar()->currentMessage().startsWith(QStringLiteral("Copied the spec")),
             qPrintable(window->statusBar()->currentMessage()));
}

void ConfirmationsTest::exportStartsBesideTheInputsWithTheirName() {
    auto window = uitest::openWindow();
    // A second input set: the document is "x.pt + 1 more set", the file name is not.
    window->opener().addInputSet(uitest::seedInputs());
    window->opener().waitForLoad();
    QString folder, name;
    onNextModal([&](QWidget* modal) {
        auto* dialog = qobject_cast<QFileDialog*>(modal);
        if (dialog) {
            folder = dialog->directory().absolutePath();
            const QStringList selected = dialog->selectedFiles();
            name = selected.isEmpty() ? QString() : QFileInfo(selected.first()).fileName();
        }
        modal->close();
    });
    window->specFiles().chooseAndExport(spec::SpecFormat::Python);
    QCOMPARE(folder, QFileInfo(uitest::seedInputs()).absolutePath());
    QCOMPARE(name, QStringLiteral("seed_static_cache_v449_dynamic_shapes.py"));
}

void ConfirmationsTest::withoutAnInputFileDialogsStartWhereDimStudioStarted() {
    auto window = uitest::openWindow(QString());
    QVERIFY(window->opener().openExample().ok());
    QString folder;
    onNextModal([&](QWidget* modal) {
        if (auto* dialog = qobject_cast<QFileDialog*>(modal))
            folder = dialog->directory().absolutePath();
        modal->close();
    });
    window->specFiles().chooseAndExport(spec::SpecFormat::Python);
    QCOMPARE(folder, QDir::currentPath());
}

void ConfirmationsTest::saveSpecAsHasItsShortcut() {
    auto window = uitest::openWindow();
    QAction* saveAs = menuAction(*window, QStringLiteral("File"), QStringLiteral("Save spec as…"));
    QVERIFY(saveAs);
    QCOMPARE(saveAs->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+S")));
}

void ConfirmationsTest::helpHasMoreThanAbout() {
    auto window = uitest::openWindow();
    QVERIFY(menuAction(*window, QStringLiteral("Help"), QStringLiteral("Getting started")));
    QVERIFY(menuAction(*window, QStringLiteral("Help"), QStringLiteral("About Qt")));
    QAction* keys =
        menuAction(*window, QStringLiteral("Help"), QStringLiteral("Keyboard shortcuts"));
    QVERIFY(keys);
    keys->trigger();
    auto* page = window->findChild<QDialog*>(QStringLiteral("keyboardShortcuts"));
    QVERIFY(page);
    const QString text = page->findChild<QTextBrowser*>()->toPlainText();
    // Read from the menus: the Save as shortcut and Undo are listed.
    QVERIFY2(
        text.contains(QStringLiteral("Save spec as")) &&
            text.contains(
                QKeySequence(QStringLiteral("Ctrl+Shift+S")).toString(QKeySequence::NativeText)),
        qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("F2")));
    page->close();
}

void ConfirmationsTest::openSpecAsksBeforeReplacingEdits() {
    auto window = uitest::openWindow();
    window->setInteractive(true);
    document::DocumentContext& context = window->context();
    const spec::DimRef ref = dimAt(context, QStringLiteral("input_ids"), 1);
    context.toggleDim(ref, false);
    const spec::ShapeSpec edited = context.spec();
    bool asked = false;
    onNextModal([&](QWidget* modal) {
        auto* box = qobject_cast<QMessageBox*>(modal);
        asked = box && box->text().contains(QStringLiteral("unsaved"));
        if (box)
            box->button(QMessageBox::Cancel)->click();
        else
            modal->close(); // the file dialog: no question was asked
    });
    window->specFiles().chooseAndOpenSpec();
    QVERIFY(asked);
    QCOMPARE(context.spec(), edited);
    QCOMPARE(context.undoStack().count(), 1);
}

void ConfirmationsTest::theEmptyWindowSaysHowToStart() {
    auto window = uitest::openWindow(QString());
    ui::InputTreeView* tree = window->tree();
    QVERIFY(!window->context().hasInputs());
    const QImage image = tree->viewport()->grab().toImage();
    const QRgb base = tree->palette().color(QPalette::Base).rgb();
    int inked = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            inked += image.pixel(x, y) != base;
    QVERIFY2(inked > 200, qPrintable(QString::number(inked))); // the hint's text is drawn
    QVERIFY(ui::InputTreeView::emptyHint().contains(QStringLiteral("Open inputs")));
    // With inputs the hint is gone: rows, not text.
    QVERIFY(window->opener().openNow(uitest::seedInputs()));
    QVERIFY(window->context().hasInputs());
}

void ConfirmationsTest::aReferenceStaysWithItsInputs() {
    auto window = uitest::openWindow(QString());
    QVERIFY(window->opener().openExample().ok());
    document::DocumentContext& context = window->context();
    QVERIFY(context.hasReference()); // the example comes with its reference
    // Other inputs: the example's reference is not theirs.
    QVERIFY(window->opener().openNow(uitest::fixture(QStringLiteral("pt/mixed_leaves.pt"))));
    QVERIFY(!context.hasReference());
    // A reference opened for a file stays when that file is opened again,
    // and when another input set of it is added.
    QVERIFY(window->opener().openNow(uitest::seedInputs()));
    QVERIFY(window->comparison()->openReference(uitest::seedReference()).ok());
    QVERIFY(window->opener().openNow(uitest::seedInputs()));
    QVERIFY(context.hasReference());
    window->opener().addInputSet(uitest::seedInputs());
    window->opener().waitForLoad();
    QVERIFY(context.hasReference());
}

void ConfirmationsTest::adoptingAReferenceThatDoesNotFitAsks() {
    auto window = uitest::openWindow(uitest::fixture(QStringLiteral("pt/mixed_leaves.pt")));
    window->setInteractive(true);
    document::DocumentContext& context = window->context();
    QVERIFY(window->comparison()->openReference(uitest::seedReference()).ok());
    context.flushAnalysis();
    QVERIFY(context.comparison().summary.structure > 0);
    const spec::ShapeSpec before = context.spec();
    QString question;
    onNextModal([&](QWidget* modal) {
        auto* box = qobject_cast<QMessageBox*>(modal);
        if (box) {
            question = box->text();
            box->button(QMessageBox::No)->click();
        } else {
            modal->close();
        }
    });
    window->comparison()->adoptReference();
    QVERIFY2(question.contains(QStringLiteral("does not fit these inputs")), qPrintable(question));
    QCOMPARE(context.spec(), before);
    QCOMPARE(context.undoStack().count(), 0);
    QVERIFY(window->statusBar()->currentMessage().startsWith(
        QStringLiteral("Adopt reference cancelled")));
    // Yes adopts, one undo step.
    onNextModal([](QWidget* modal) {
        if (auto* box = qobject_cast<QMessageBox*>(modal))
            box->button(QMessageBox::Yes)->click();
    });
    window->comparison()->adoptReference();
    QVERIFY(context.undoStack().count() <= 1);
}

void ConfirmationsTest::theStatusBarDoesNotSaySameOnAMismatch() {
    auto window = uitest::openWindow(uitest::fixture(QStringLiteral("pt/mixed_leaves.pt")));
    document::DocumentContext& context = window->context();
    QVERIFY(window->comparison()->openReference(uitest::seedReference()).ok());
    context.flushAnalysis();
    context.replaceSpec(spec::ShapeSpec(context.tree()), QStringLiteral("all static"));
    context.flushAnalysis();
    const auto labels = window->statusBar()->findChildren<QLabel*>();
    QString status;
    for (const QLabel* label : labels)
        status += label->text() + QLatin1Char('\n');
    QVERIFY2(!status.contains(QStringLiteral("same as the reference")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("structure problem")), qPrintable(status));
}

void ConfirmationsTest::floatsReadAsPythonPrintsThem() {
    // torch 2.14's nested.pt holds floats25 = (0.0, 0.5, 1.0, ...): 2.0 is not "2".
    auto window = uitest::openWindow(uitest::fixture(QStringLiteral("structures/nested.pt")));
    ui::InputTreeView* tree = window->tree();
    QAbstractItemModel* model = tree->model();
    QModelIndex floats;
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->index(r, 0).data().toString() == QStringLiteral("floats25"))
            floats = model->index(r, 0);
    QVERIFY(floats.isValid());
    auto kindOf = [&](int row) {
        return model->index(row, itemmodels::InputTreeModel::KindColumn, floats).data().toString();
    };
    QCOMPARE(model->rowCount(floats), 25);
    QCOMPARE(kindOf(4), QStringLiteral("float = 2.0"));
    QCOMPARE(kindOf(1), QStringLiteral("float = 0.5"));
    QCOMPARE(kindOf(0), QStringLiteral("float = 0.0"));
}

QTEST_MAIN(ConfirmationsTest)
#include "tst_confirmations.moc"
