#include "MainWindow.h"

#include "ChecksPanel.h"
#include "ComparisonPanel.h"
#include "ErrorReporter.h"
#include "ExportPanel.h"
#include "FigureSlot.h"
#include "FilterBar.h"
#include "InputTreeView.h"
#include "InputsOpener.h"
#include "MainMenus.h"
#include "SpecFiles.h"
#include "SpecPreviewPanel.h"
#include "StatusSummary.h"
#include "TensorDetailPanel.h"
#include "document/DocumentContext.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QMimeData>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QStyleHints>
#include <QTimer>
#include <QVBoxLayout>

namespace ds::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_context(std::make_unique<document::DocumentContext>()) {
    m_errors = new ErrorReporter(this);
    m_opener = new InputsOpener(*m_context, *m_errors, this);
    m_specFiles = new SpecFiles(*m_context, *m_errors, this);
    m_opener->setDiscardGuard([this] { return m_specFiles->maybeSave(); });

    m_tree = new InputTreeView(*m_context);
    m_filter = new FilterBar(*m_tree);
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addWidget(m_filter);
    layout->addWidget(m_tree, 1);
    setCentralWidget(central);

    m_preview = new SpecPreviewPanel(*m_context);
    m_comparison = new ComparisonPanel(*m_context, *m_errors);
    m_checks = new ChecksPanel(*m_context);
    m_export = new ExportPanel(*m_context, *m_errors);
    m_tensorDetail = new TensorDetailPanel(*m_context);
    connect(m_tree, &InputTreeView::currentTensorChanged, m_tensorDetail,
            &TensorDetailPanel::showTensor);
    // The preview beside the tree (it is read while clicking), the lists
    // below it (they are wide), the figures as one more tab there.
    m_previewDock = addPanel(tr("Spec preview"), QStringLiteral("previewDock"), m_preview,
                             Qt::RightDockWidgetArea);
    QDockWidget* comparisonDock =
        addPanel(tr("Reference comparison"), QStringLiteral("comparisonDock"), m_comparison,
                 Qt::BottomDockWidgetArea);
    m_checksDock =
        addPanel(tr("Checks"), QStringLiteral("checksDock"), m_checks, Qt::BottomDockWidgetArea);
    QDockWidget* figuresDock =
        addPanel(tr("Figures"), QStringLiteral("figuresDock"),
                 createFigureSlot(*m_context, nullptr), Qt::BottomDockWidgetArea);
    m_exportDock =
        addPanel(tr("Export"), QStringLiteral("exportDock"), m_export, Qt::BottomDockWidgetArea);
    tabifyDockWidget(comparisonDock, m_checksDock);
    tabifyDockWidget(m_checksDock, m_exportDock);
    m_tensorDock = addPanel(tr("Tensor"), QStringLiteral("tensorDock"), m_tensorDetail,
                            Qt::BottomDockWidgetArea);
    tabifyDockWidget(m_exportDock, figuresDock);
    tabifyDockWidget(figuresDock, m_tensorDock);
    comparisonDock->raise();
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    resizeDocks({m_previewDock}, {520}, Qt::Horizontal);
    resizeDocks({comparisonDock}, {300}, Qt::Vertical);

    m_status = new StatusSummary(*m_context);
    statusBar()->addPermanentWidget(m_status, 1);
    connect(m_status, &StatusSummary::activated, this, [this] {
        m_checksDock->show();
        m_checksDock->raise();
    });

    // An opened exported program shows its outcomes in the Export panel.
    connect(m_context.get(), &document::DocumentContext::verifyChanged, this, [this] {
        if (m_context->artifactDiff()) {
            m_exportDock->show();
            m_exportDock->raise();
        }
    });

    // Confirmations (saved, exported, copied) pass through the status bar.
    auto inform = [this](const QString& message) { statusBar()->showMessage(message, 6000); };
    connect(m_errors, &ErrorReporter::informed, this, inform);
    connect(m_tree, &InputTreeView::informed, this, inform);
    connect(m_preview, &SpecPreviewPanel::informed, this, inform);

    installMainMenus(*this);
    setAcceptDrops(true);
    connect(m_context.get(), &document::DocumentContext::inputsChanged, this,
            &MainWindow::updateTitle);
    connect(m_context.get(), &document::DocumentContext::modifiedChanged, this,
            &QWidget::setWindowModified);
    connect(m_specFiles, &SpecFiles::specPathChanged, this, &MainWindow::updateTitle);
    updateTitle();
    restoreSettings();
}

MainWindow::~MainWindow() {
    // Views and panels hold references to the context: they go first.
    const auto children = findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly);
    qDeleteAll(children);
}

QDockWidget* MainWindow::addPanel(const QString& title, const QString& objectName, QWidget* panel,
                                  Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(objectName); // saveState() needs it
    dock->setWidget(panel);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::setInteractive(bool interactive) {
    m_errors->setInteractive(interactive);
}

void MainWindow::updateTitle() {
    QString name = m_context->hasInputs() ? m_context->documentName() : tr("no inputs");
    if (m_context->hasInputs() && !m_context->hasInputFile() &&
        m_context->inputs().path.startsWith(QLatin1Char(':')))
        name += tr(" (bundled example)");
    setWindowTitle(tr("%1[*] \u2014 DimStudio").arg(name));
    setWindowModified(m_context->isModified());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!m_specFiles->maybeSave()) {
        event->ignore();
        return;
    }
    saveSettings();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    // One file opens; several are input sets of the same inputs, to guess from.
    m_opener->open(paths.takeFirst());
    for (const QString& path : paths) {
        m_opener->waitForLoad();
        m_opener->addInputSet(path);
    }
}

namespace {

// False for a widget in a dock whose tab is not the current one: QMainWindow
// moves such a dock out of the window instead of hiding it, so for Qt it is
// still visible and in the Tab chain, but nothing of it is on screen.
bool inShownDock(const QWidget* widget) {
    for (const QWidget* w = widget; w; w = w->parentWidget())
        if (const auto* dock = qobject_cast<const QDockWidget*>(w))
            return dock->isFloating() || !dock->visibleRegion().isEmpty();
    return true;
}

QWidget* deepestFocusProxy(QWidget* widget) {
    while (widget->focusProxy())
        widget = widget->focusProxy();
    return widget;
}

} // namespace

// Qt's own choice of the next widget (QApplicationPrivate::focusNextPrevChild_helper),
// minus the widgets of hidden tabs: Tab used to walk into them, and the focus
// vanished into the off-screen Checks list (issue 16).
bool MainWindow::focusNextPrevChild(bool next) {
    QWidget* const from = focusWidget();
    if (!from || !isAncestorOf(from))
        return QMainWindow::focusNextPrevChild(next);
    const Qt::FocusPolicy wanted =
        QApplication::styleHints()->tabFocusBehavior() == Qt::TabFocusAllControls ? Qt::TabFocus
                                                                                  : Qt::StrongFocus;
    QWidget* chosen = nullptr;
    for (QWidget* w = from->nextInFocusChain(); w && w != from; w = w->nextInFocusChain()) {
        QWidget* target = deepestFocusProxy(w);
        // A compound widget and its proxy child would otherwise pass Tab to each other.
        const bool composite =
            w->focusProxy() && (next ? target->isAncestorOf(w) : w->isAncestorOf(target));
        if (w->isWindow() || !isAncestorOf(w) || !w->isVisibleTo(this) || !w->isEnabled() ||
            !target->isEnabled() || (target->focusPolicy() & wanted) != wanted || composite ||
            target == from || !inShownDock(w))
            continue;
        chosen = w;
        if (next)
            break; // backwards: the last one before coming round again
    }
    if (!chosen)
        return false;
    chosen->setFocus(next ? Qt::TabFocusReason : Qt::BacktabFocusReason);
    return true;
}

void MainWindow::resizeEvent(QResizeEvent* event) {
    QMainWindow::resizeEvent(event);
    keepTreeFirst();
}

void MainWindow::showEvent(QShowEvent* event) {
    QMainWindow::showEvent(event);
    // The docks have their sizes once the window is laid out on screen.
    QTimer::singleShot(0, this, &MainWindow::keepTreeFirst);
}

void MainWindow::keepTreeFirst() {
    const int side = width() * 36 / 100;
    if (m_previewDock->isVisible() && !m_previewDock->isFloating() &&
        dockWidgetArea(m_previewDock) == Qt::RightDockWidgetArea && m_previewDock->width() > side)
        resizeDocks({m_previewDock}, {side}, Qt::Horizontal);
    const int bottom = height() * 34 / 100;
    for (QDockWidget* dock : {m_checksDock, m_exportDock, m_tensorDock})
        if (dock->isVisible() && !dock->isFloating() &&
            dockWidgetArea(dock) == Qt::BottomDockWidgetArea && dock->height() > bottom) {
            resizeDocks({dock}, {bottom}, Qt::Vertical);
            break; // tabbed: one resize moves them all
        }
}

void MainWindow::restoreSettings() {
    const QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) {
        // First start: 1400x900, or less on a small screen.
        QSize size(1400, 900);
        if (const QScreen* screen = this->screen())
            size = size.boundedTo(screen->availableGeometry().size() * 0.92);
        resize(size);
    }
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
}

void MainWindow::saveSettings() const {
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
}

} // namespace ds::ui
