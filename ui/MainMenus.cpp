#include "MainMenus.h"

#include "ComparisonPanel.h"
#include "ExportPanel.h"
#include "FilterBar.h"
#include "InputTreeView.h"
#include "InputsOpener.h"
#include "MainWindow.h"
#include "RecentFilesMenu.h"
#include "SpecFiles.h"
#include "SpecPreviewPanel.h"
#include "document/DocumentContext.h"

#include <QApplication>
#include <QDockWidget>
#include <QMenuBar>
#include <QMessageBox>

namespace ds::ui {

namespace {

void installFileMenu(MainWindow& w) {
    QMenu* file = w.menuBar()->addMenu(QObject::tr("&File"));
    InputsOpener& opener = w.opener();
    SpecFiles& specs = w.specFiles();
    file->addAction(QObject::tr("&Open inputs…"), QKeySequence::Open, &opener,
                    &InputsOpener::chooseAndOpen);
    file->addMenu(new RecentFilesMenu(opener, file));
    // The slots report their own errors: their Status is not needed here.
    file->addAction(QObject::tr("Open bundled &example"), &opener,
                    [&opener] { (void)opener.openExample(); });
    file->addAction(QObject::tr("&Paste inputs (type string)"),
                    QKeySequence(QObject::tr("Ctrl+Shift+V")), &opener,
                    [&opener] { (void)opener.pasteInputs(); });
    file->addAction(QObject::tr("&Add input set…"), &opener, &InputsOpener::chooseAndAddInputSet)
        ->setStatusTip(QObject::tr("Another example of the same inputs: dims whose size differs "
                                   "between the sets become dynamic"));
    file->addSeparator();
    ComparisonPanel* comparison = w.comparison();
    file->addAction(QObject::tr("Open &reference…"), comparison,
                    &ComparisonPanel::chooseReferenceFile);
    file->addAction(QObject::tr("Paste re&ference"), comparison,
                    [comparison] { (void)comparison->pasteReference(); });
    file->addSeparator();
    file->addAction(QObject::tr("Open spe&c…"), &specs, &SpecFiles::chooseAndOpenSpec);
    file->addAction(QObject::tr("&Save spec"), QKeySequence::Save, &specs,
                    [&specs] { specs.save(); });
    file->addAction(QObject::tr("Save spec &as…"), QKeySequence::SaveAs, &specs,
                    [&specs] { specs.saveAs(); });
    SpecPreviewPanel* preview = w.preview();
    file->addAction(QObject::tr("&Export spec…"), QKeySequence(QObject::tr("Ctrl+E")), &specs,
                    [&specs, preview] { specs.chooseAndExport(preview->format()); });
    file->addSeparator();
    file->addAction(QObject::tr("&Quit"), QKeySequence::Quit, &w, &QWidget::close);
}

void installEditMenu(MainWindow& w) {
    QMenu* edit = w.menuBar()->addMenu(QObject::tr("&Edit"));
    document::DocumentContext& context = w.context();
    QAction* undo = context.undoStack().createUndoAction(&w, QObject::tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = context.undoStack().createRedoAction(&w, QObject::tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();

    InputTreeView* tree = w.tree();
    // Copy belongs to the tree: the preview's own Copy must keep working.
    QAction* copy =
        edit->addAction(QObject::tr("&Copy rows as text"), tree, &InputTreeView::copySelection);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    tree->addAction(copy);
    FilterBar* filter = w.filterBar();
    edit->addAction(QObject::tr("&Find…"), QKeySequence::Find, filter, &FilterBar::focusFilter);
    edit->addAction(QObject::tr("Re&name dimension…"), tree,
                    [tree, &context] { tree->renameDimension(context.currentDim()); });
    edit->addSeparator();
    edit->addAction(QObject::tr("&Adopt reference"), w.comparison(),
                    &ComparisonPanel::adoptReference);
    edit->addAction(QObject::tr("Make every dimension &dynamic"), &context, [&context] {
        if (context.hasInputs())
            context.replaceSpec(spec::ShapeSpec::allDynamic(context.tree()),
                                QObject::tr("All dynamic"));
    });
    edit->addAction(QObject::tr("Make every dimension &static"), &context, [&context] {
        if (context.hasInputs())
            context.replaceSpec(spec::ShapeSpec(context.tree()), QObject::tr("All static"));
    });
}

void installViewMenu(MainWindow& w) {
    QMenu* view = w.menuBar()->addMenu(QObject::tr("&View"));
    InputTreeView* tree = w.tree();
    view->addAction(QObject::tr("&Expand all"), tree, &QTreeView::expandAll);
    view->addAction(QObject::tr("&Collapse all"), tree, &QTreeView::collapseAll);
    view->addSeparator();
    for (QDockWidget* dock : w.findChildren<QDockWidget*>())
        view->addAction(dock->toggleViewAction());
}

// Export: run the user's torch.export, and read what torch said.
void installExportMenu(MainWindow& w) {
    QMenu* menu = w.menuBar()->addMenu(QObject::tr("E&xport"));
    ExportPanel* panel = w.exportPanel();
    QDockWidget* dock = w.exportDock();
    auto show = [dock] {
        dock->show();
        dock->raise();
    };
    menu->addAction(QObject::tr("&Verify export…"), QKeySequence(QObject::tr("Ctrl+R")), panel,
                    [panel, show] {
                        show();
                        panel->chooseAndVerify();
                    })
        ->setStatusTip(QObject::tr("Run torch.export with this spec in your own Python"));
    menu->addAction(QObject::tr("&Paste export error"), panel, [panel, show] {
        show();
        panel->pasteExportError();
    });
    menu->addAction(QObject::tr("&Apply suggested fixes"), &w.context(),
                    [&w] { w.context().applyVerifyFixes(); });
}

void installHelpMenu(MainWindow& w) {
    QMenu* help = w.menuBar()->addMenu(QObject::tr("&Help"));
    help->addAction(QObject::tr("&About DimStudio"), &w, [&w] {
        QMessageBox::about(
            &w, QObject::tr("About DimStudio"),
            QObject::tr("<b>DimStudio %1</b><p>Write the <code>dynamic_shapes</code> "
                        "of a PyTorch export from the inputs you saved: click "
                        "dimensions, compare with a reference, export.</p>")
                .arg(QApplication::applicationVersion()));
    });
}

} // namespace

void installMainMenus(MainWindow& window) {
    installFileMenu(window);
    installEditMenu(window);
    installExportMenu(window);
    installViewMenu(window);
    installHelpMenu(window);
}

} // namespace ds::ui
