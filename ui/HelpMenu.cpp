#include "HelpMenu.h"

#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QMainWindow>
#include <QMenuBar>
#include <QMessageBox>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace ds::ui {

namespace {

// A modeless page of text with a Close button.
void showPage(QWidget* parent, const QString& objectName, const QString& title,
              const QString& html) {
    auto* dialog = new QDialog(parent);
    dialog->setObjectName(objectName);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(title);
    auto* text = new QTextBrowser(dialog);
    text->setOpenExternalLinks(true);
    text->setHtml(html);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(text);
    layout->addWidget(buttons);
    dialog->resize(560, 480);
    dialog->show();
}

void collectShortcuts(const QMenu* menu, const QString& prefix, QStringList& rows) {
    for (QAction* action : menu->actions()) {
        const QString name = prefix + QString(action->text()).remove(QLatin1Char('&'));
        if (action->menu()) {
            collectShortcuts(action->menu(), name + QStringLiteral(" \u203a "), rows);
            continue;
        }
        if (!action->shortcut().isEmpty())
            rows << QStringLiteral("<tr><td>%1</td><td><b>%2</b></td></tr>")
                        .arg(name.toHtmlEscaped(),
                             action->shortcut().toString(QKeySequence::NativeText).toHtmlEscaped());
    }
}

QString shortcutsPage(const QMainWindow& window) {
    QStringList rows;
    for (QAction* action : window.menuBar()->actions())
        if (action->menu())
            collectShortcuts(action->menu(),
                             QString(action->text()).remove(QLatin1Char('&')) +
                                 QStringLiteral(" \u203a "),
                             rows);
    const QString tree = QObject::tr(
        "<tr><td>Tree: toggle the selected dimension</td><td><b>Space</b></td></tr>"
        "<tr><td>Tree: edit the dimension (name, kind, bounds, scope)</td><td><b>F2</b>, "
        "double click</td></tr>"
        "<tr><td>Tree: select several rows</td><td><b>Ctrl+click</b>, "
        "<b>Shift+click</b></td></tr>"
        "<tr><td>Tree: the dimension's menu (Set to Dim.AUTO..., Make static everywhere)"
        "</td><td>right click on a chip or a dimension row</td></tr>");
    return QObject::tr("<h3>Keyboard shortcuts</h3><table cellpadding='3'>%1%2</table>")
        .arg(rows.join(QString()), tree);
}

QString gettingStartedPage() {
    return QObject::tr(
        "<h3>Getting started</h3><ol>"
        "<li><b>Open the inputs</b> you saved with <code>torch.save</code> (File \u203a Open "
        "inputs, or drop the file on the window). Nothing in the file is executed.</li>"
        "<li><b>Click a dimension's chip</b> to make it dynamic or static; <b>F2</b> opens the "
        "dimension editor: a name shared by dimensions that must be equal, Dim.AUTO, "
        "Dim.DYNAMIC, Dim.STATIC, a derived size such as <code>2*seq + 1</code>, bounds, and "
        "how far the edit reaches (this dimension, every one with this name or size, the whole "
        "cache, the selection).</li>"
        "<li><b>Read the checks</b> (the status bar; double click it) and fix what they "
        "say.</li>"
        "<li><b>Compare</b> with a reference spec (File \u203a Open reference) and adopt it if "
        "you trust it.</li>"
        "<li><b>Verify</b> (Export \u203a Verify export): DimStudio runs torch.export in your own "
        "Python with this spec and shows what export made of each dimension.</li>"
        "<li><b>Export</b> the spec (File \u203a Export spec) as Python, JSON or "
        "<code>dynamic_axes</code>.</li></ol>"
        "<p>The same work without a window: <code>dimstudio --help</code> lists the "
        "commands (<code>inspect</code>, <code>spec</code>, <code>check</code>, "
        "<code>verify</code>, ...).</p>");
}

} // namespace

void installHelpMenu(QMainWindow& w) {
    QMenu* help = w.menuBar()->addMenu(QObject::tr("&Help"));
    help->addAction(QObject::tr("&Getting started"), QKeySequence::HelpContents, &w, [&w] {
        showPage(&w, QStringLiteral("gettingStarted"), QObject::tr("Getting started"),
                 gettingStartedPage());
    });
    help->addAction(QObject::tr("&Keyboard shortcuts"), &w, [&w] {
        showPage(&w, QStringLiteral("keyboardShortcuts"), QObject::tr("Keyboard shortcuts"),
                 shortcutsPage(w));
    });
    help->addSeparator();
    help->addAction(QObject::tr("&About DimStudio"), &w, [&w] {
        QMessageBox::about(
            &w, QObject::tr("About DimStudio"),
            QObject::tr("<b>DimStudio %1</b><p>Write the <code>dynamic_shapes</code> "
                        "of a PyTorch export from the inputs you saved: click "
                        "dimensions, compare with a reference, verify, export.</p>")
                .arg(QApplication::applicationVersion()));
    });
    help->addAction(QObject::tr("About &Qt"), &w, [] { QApplication::aboutQt(); });
}

} // namespace ds::ui
