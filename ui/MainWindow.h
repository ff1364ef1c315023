#pragma once

#include <QMainWindow>

#include <memory>

class QDockWidget;

namespace ds::document {
class DocumentContext;
}

namespace ds::ui {

class ChecksPanel;
class ComparisonPanel;
class ExportPanel;
class TensorDetailPanel;
class ErrorReporter;
class FilterBar;
class InputTreeView;
class InputsOpener;
class SpecFiles;
class SpecPreviewPanel;
class StatusSummary;

// The window: the input tree in the middle, panels in docks around it, all
// reacting to one document context. It only wires parts together; each part
// (tree, panels, openers, spec files, menus) is its own class.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    document::DocumentContext& context() { return *m_context; }
    ErrorReporter& errors() { return *m_errors; }
    InputsOpener& opener() { return *m_opener; }
    SpecFiles& specFiles() { return *m_specFiles; }
    InputTreeView* tree() const { return m_tree; }
    FilterBar* filterBar() const { return m_filter; }
    SpecPreviewPanel* preview() const { return m_preview; }
    ComparisonPanel* comparison() const { return m_comparison; }
    ChecksPanel* checks() const { return m_checks; }
    ExportPanel* exportPanel() const { return m_export; }
    QDockWidget* exportDock() const { return m_exportDock; }
    QDockWidget* checksDock() const { return m_checksDock; }
    QDockWidget* previewDock() const { return m_previewDock; }
    TensorDetailPanel* tensorDetail() const { return m_tensorDetail; }
    QDockWidget* tensorDock() const { return m_tensorDock; }

    // Message boxes on (the app) or off (tests, --screenshot: errors only signal).
    void setInteractive(bool interactive);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;
    // Tab and Shift+Tab skip the docks of tabs that are not the current one.
    bool focusNextPrevChild(bool next) override;

private:
    QDockWidget* addPanel(const QString& title, const QString& objectName, QWidget* panel,
                          Qt::DockWidgetArea area);
    void updateTitle();
    void restoreSettings();
    void saveSettings() const;
    // The tree comes first: side and bottom docks that would take more than
    // about a third of the window give the room back to it.
    void keepTreeFirst();

    std::unique_ptr<document::DocumentContext> m_context;
    ErrorReporter* m_errors;
    InputsOpener* m_opener;
    SpecFiles* m_specFiles;
    InputTreeView* m_tree;
    FilterBar* m_filter;
    SpecPreviewPanel* m_preview;
    ComparisonPanel* m_comparison;
    ChecksPanel* m_checks;
    ExportPanel* m_export;
    TensorDetailPanel* m_tensorDetail;
    StatusSummary* m_status;
    QDockWidget* m_checksDock = nullptr;
    QDockWidget* m_previewDock = nullptr;
    QDockWidget* m_exportDock = nullptr;
    QDockWidget* m_tensorDock = nullptr;
};

} // namespace ds::ui
