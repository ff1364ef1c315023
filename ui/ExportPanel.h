#pragma once

#include "VerifyJob.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace ds::document {
class DocumentContext;
}
namespace ds::itemmodels {
class ExportListModel;
}

namespace ds::ui {

class ErrorReporter;

// The Export panel: Verify runs torch.export on the inputs with the spec in
// the user's Python (off the GUI thread, the runner kept warm), and the list
// says what torch said and what export made of each dimension; a row selects
// its dimension. "Apply suggested fixes" takes torch's fixes as one undo
// step; "Paste export error" reads a torch error text and applies its fixes.
class ExportPanel : public QWidget {
    Q_OBJECT
public:
    ExportPanel(document::DocumentContext& context, ErrorReporter& errors,
                QWidget* parent = nullptr);

    void chooseAndVerify();
    // Runs a verify with these choices (the dialog's, or a test's).
    void startVerify(const runner::VerifyOptions& options, const QString& python, bool fix);
    void pasteExportError();
    // Asks for a saved exported program and compares it with the spec.
    void chooseExportedProgram();
    // Reads one (the dialog's choice, or a test's); errors are reported.
    Status openExportedProgram(const QString& path);
    // Applies a torch error text's fixes; errors when it holds no verdict.
    Status applyExportError(const QString& text);

    VerifyJob& job() { return m_job; }
    QTableView* list() const { return m_list; }
    QLabel* summary() const { return m_summary; }
    QPushButton* applyButton() const { return m_apply; }
    QPushButton* verifyButton() const { return m_verify; }
    QPushButton* openExportedButton() const { return m_openExported; }

signals:
    void verifyFinished();

private:
    void finished(const VerifyJob::Outcome& outcome);
    void updateSummary();

    document::DocumentContext& m_context;
    ErrorReporter& m_errors;
    VerifyJob m_job;
    itemmodels::ExportListModel* m_model;
    QLabel* m_summary;
    QPushButton* m_verify;
    QPushButton* m_cancel;
    QPushButton* m_paste;
    QPushButton* m_apply;
    QPushButton* m_openExported;
    QTableView* m_list;
    std::shared_ptr<const spec::ExportTree> m_verifyingTree; // what the running verify is about
    std::shared_ptr<const spec::ExportTree> m_reportTree;    // the tree it verifies on (its layout)
    QString m_progress;
};

} // namespace ds::ui
