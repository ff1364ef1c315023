#include "MainMenus.h"

#include "ComparisonPanel.h"
#include "ExportPanel.h"
#include "FilterBar.h"
#include "HelpMenu.h"
#include "InputTreeView.h"
#include "InputsOpener.h"
#include "MainWindow.h"
#include "RecentFilesMenu.h"
#include "SpecFiles.h"
#include "SpecPreviewPanel.h"
#include "document/DocumentContext.h"

#include <QActionGroup>
#include <QDockWidget>
#include <QMenuBar>
#include <QSettings>

namespace ds::ui {

namespace {

// How the dimensions an added input set reveals are named; remembered.
void installGuessNamingMenu(QMenu& file, document::DocumentContext& context) {
    QMenu* naming = file.addMenu(QObject::tr("&Names for guessed dimensions"));
    auto* group = new QActionGroup(naming);
    const QString key = QStringLiteral("guess/naming");
    const auto saved = analysis::guessNamingFromName(QSettings().value(key).toString());
    context.setGuessNaming(saved.value_or(analysis::GuessNaming::Position));
    const std::pair<analysis::GuessNaming, QString> choices[] = {
        {analysis::GuessNaming::Position, QObject::tr("By &position (d_0_0, d_0_1, ...)")},
        {analysis::GuessNaming::Semantic, QObject::tr("By &role (batch, seq, cache, ...)")}};
    for (const auto& [value, text] : choices) {
        QAction* action = naming->addAction(text);
        action->setCheckable(true);
        action->setChecked(context.guessNaming() == value);
        group->addAction(action);
        QObject::connect(action, &QAction::triggered, &context, [&context, key, v = value] {
            QSettings().setValue(key, analysis::guessNamingName(v));
            context.setGuessNaming(v);
        });
    }
}

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
    installGuessNamingMenu(*file, w.context());
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
    // QKeySequence::SaveAs is empty on some desktops (GNOME, offscreen).
    file->addAction(QObject::tr("Save spec &as…"), QKeySequence(QObject::tr("Ctrl+Shift+S")),
                    &specs, [&specs] { specs.saveAs(); });
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
    edit->addAction(QObject::tr("Edit &dimension…"), tree,
                    [tree, &context] { tree->editDimension(context.currentDim()); });
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

} // namespace

void installMainMenus(MainWindow& window) {
    installFileMenu(window);
    installEditMenu(window);
    installExportMenu(window);
    installViewMenu(window);
    installHelpMenu(window);
}

} // namespace ds::ui
