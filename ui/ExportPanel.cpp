#include "ExportPanel.h"

#include "DialogFolders.h"
#include "ErrorReporter.h"
#include "ListTable.h"
#include "VerifyDialog.h"
#include "document/DocumentContext.h"
#include "exported/ExportedArtifact.h"
#include "itemmodels/ExportListModel.h"
#include "itemmodels/ModelRoles.h"
#include "text/Plural.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace ds::ui {

ExportPanel::ExportPanel(document::DocumentContext& context, ErrorReporter& errors, QWidget* parent)
    : QWidget(parent), m_context(context), m_errors(errors) {
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_verify = new QPushButton(tr("&Verify…"), this);
    m_verify->setToolTip(tr("Run torch.export with this spec in your Python"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setVisible(false);
    m_paste = new QPushButton(tr("Paste export &error"), this);
    m_paste->setToolTip(tr("Apply the suggested fixes of a torch.export error text from the "
                           "clipboard"));
    m_apply = new QPushButton(tr("&Apply suggested fixes"), this);
    m_openExported = new QPushButton(tr("Open e&xported program…"), this);
    m_openExported->setToolTip(tr("Compare the spec with what a saved exported program (.pt2) or "
                                  "an ONNX model made of each dimension"));
    m_model = new itemmodels::ExportListModel(context, this);
    m_list = new QTableView(this);
    m_list->setModel(m_model);
    configureListTable(*m_list);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_verify);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_paste);
    buttons->addWidget(m_apply);
    buttons->addWidget(m_openExported);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);

    connect(m_verify, &QPushButton::clicked, this, &ExportPanel::chooseAndVerify);
    connect(m_cancel, &QPushButton::clicked, &m_job, &VerifyJob::cancel);
    connect(m_paste, &QPushButton::clicked, this, &ExportPanel::pasteExportError);
    connect(m_apply, &QPushButton::clicked, this, [this] { m_context.applyVerifyFixes(); });
    connect(m_openExported, &QPushButton::clicked, this, &ExportPanel::chooseExportedProgram);
    connect(m_list, &QTableView::clicked, this, [this](const QModelIndex& index) {
        const spec::DimRef ref{index.data(itemmodels::Roles::TensorIndexRole).toInt(),
                               index.data(itemmodels::Roles::DimIndexRole).toInt()};
        if (ref.tensor >= 0)
            m_context.revealDim(ref);
    });
    connect(&m_job, &VerifyJob::progress, this, [this](const QString& message) {
        m_progress = message;
        updateSummary();
    });
    connect(&m_job, &VerifyJob::finished, this, &ExportPanel::finished);
    connect(&context, &document::DocumentContext::verifyChanged, this, &ExportPanel::updateSummary);
    connect(&context, &document::DocumentContext::specChanged, this, &ExportPanel::updateSummary);
    connect(&context, &document::DocumentContext::inputsChanged, this, &ExportPanel::updateSummary);
    updateSummary();
}

void ExportPanel::chooseAndVerify() {
    if (!m_context.hasInputs() || m_job.isRunning())
        return;
    if (!m_context.inputs().hasTensorData) {
        m_errors.report(Error(tr("Verify needs a torch.save file: a %1 holds shapes but no "
                                 "tensors to export with")
                                  .arg(m_context.inputs().format),
                              QString(), m_context.inputs().path));
        return;
    }
    const Status loadable = runner::checkLoadable(m_context.inputs(), false);
    VerifyDialog dialog(m_context.inputs().path, loadable ? QString() : loadable.error().message,
                        this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    auto model = runner::parseModelArgument(dialog.model());
    if (!model) {
        m_errors.report(model.error());
        return;
    }
    runner::VerifyOptions options;
    options.model = model.value();
    options.trustPickle = dialog.trustPickle();
    if (!dialog.otherInputs().isEmpty()) {
        options.otherInputs = QFileInfo(dialog.otherInputs()).absoluteFilePath();
        options.changeDims = true;
    }
    startVerify(options, dialog.python(), dialog.fix());
}

void ExportPanel::startVerify(const runner::VerifyOptions& options, const QString& python,
                              bool fix) {
    if (!m_context.hasInputs() || m_job.isRunning())
        return;
    m_verifyingTree = m_context.session().sharedTree();
    // Caches with more state than keys and values are verified in `layers`
    // (where the document already edits them); a document in another layout
    // gets the report told on its own tree when it comes back.
    session::Session session =
        session::inLayout(m_context.session(), runner::verifyLayout(*m_context.inputs().root));
    m_reportTree = session.sharedTree();
    m_progress = tr("starting %1").arg(python);
    m_job.start({std::move(session), options, python, fix, 8});
    updateSummary();
}

void ExportPanel::finished(const VerifyJob::Outcome& outcome) {
    const bool sameInputs =
        m_context.hasInputs() && m_context.session().sharedTree() == m_verifyingTree;
    m_verifyingTree.reset();
    m_progress.clear();
    if (!outcome->ok()) {
        m_errors.report(outcome->error(), tr("verify"));
    } else if (sameInputs) {
        m_context.setVerifyReport(
            runner::remapReport(outcome->value(), *m_reportTree, m_context.tree()));
    }
    m_reportTree.reset();
    updateSummary();
    emit verifyFinished();
}

void ExportPanel::chooseExportedProgram() {
    if (!m_context.hasInputs())
        return;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open exported program"), dialogFolder(m_context),
        tr("Exported programs and ONNX models (*.pt2 *.onnx);;All files (*)"));
    if (!path.isEmpty())
        (void)openExportedProgram(path); // it reports its errors
}

Status ExportPanel::openExportedProgram(const QString& path) {
    auto program = exported::readExportedArtifact(path);
    if (!program) {
        m_errors.report(program.error());
        return program.error();
    }
    m_context.setExportedArtifact(std::move(program).value(), path);
    return okStatus();
}

void ExportPanel::pasteExportError() {
    (void)applyExportError(QApplication::clipboard()->text()); // it reports its errors
}

Status ExportPanel::applyExportError(const QString& text) {
    if (!m_context.hasInputs())
        return Error(tr("open inputs first: the error's fixes are applied to their spec"));
    if (verdict::parseTorchError(text).isEmpty()) {
        const Error error(tr("no torch.export verdict in this text: no 'Suggested fixes:', no "
                             "violations"),
                          QString(), ErrorReporter::clipboardOrigin());
        m_errors.report(error, tr("read"));
        return error;
    }
    (void)m_context.applyTorchError(text);
    return okStatus();
}

void ExportPanel::updateSummary() {
    m_cancel->setVisible(m_job.isRunning());
    m_verify->setEnabled(!m_job.isRunning() && m_context.hasInputs());
    m_paste->setEnabled(m_context.hasInputs());
    m_apply->setEnabled(m_context.hasVerifyFixes());
    if (m_job.isRunning()) {
        m_summary->setText(tr("Verifying: %1").arg(m_progress));
        return;
    }
    if (!m_context.hasInputs()) {
        m_summary->setText(tr("No inputs."));
        return;
    }
    if (const exported::ExportDiff* diff = m_context.artifactDiff()) {
        QString text = tr("%1: kept %2, specialized %3, merged %4, range %5, extra %6 (inputs "
                          "lined up by %7).")
                           .arg(QFileInfo(m_context.artifactPath()).fileName())
                           .arg(diff->count(exported::DimOutcome::Kept))
                           .arg(diff->count(exported::DimOutcome::Specialized))
                           .arg(diff->count(exported::DimOutcome::Merged))
                           .arg(diff->count(exported::DimOutcome::Bounds))
                           .arg(diff->count(exported::DimOutcome::Extra))
                           .arg(diff->matchedBy);
        if (diff->clean())
            text += QLatin1Char(' ') + tr("Export kept exactly what the spec asks.");
        if (!diff->structure.isEmpty())
            text += QLatin1Char(' ') +
                    tr("%1: see the list.")
                        .arg(text::countOf(static_cast<int>(diff->structure.size()),
                                           tr("structure problem"), tr("structure problems")));
        m_summary->setText(text);
        return;
    }
    if (const auto& pasted = m_context.pastedVerdict()) {
        QString text = tr("From the pasted export error: %1 applied as one step (Undo takes it "
                          "back).")
                           .arg(text::countOf(static_cast<int>(pasted->changes.size()),
                                              tr("change"), tr("changes")));
        if (!pasted->unmapped.isEmpty())
            text +=
                QLatin1Char(' ') + tr("%1 not applied: see the list.")
                                       .arg(text::countOf(static_cast<int>(pasted->unmapped.size()),
                                                          tr("line"), tr("lines")));
        m_summary->setText(text);
        return;
    }
    const runner::VerifyReport* report = m_context.verifyReport();
    if (!report) {
        m_summary->setText(tr("Not verified yet: Verify runs torch.export with this spec in your "
                              "own Python and shows what export made of each dimension."));
        return;
    }
    const QString env = tr("torch %1").arg(report->environment.torch);
    QString text;
    if (report->succeeded())
        text = tr("Exported after %1 (%2)%3.")
                   .arg(text::countOf(static_cast<int>(report->rounds.size()), tr("round"),
                                      tr("rounds")),
                        env,
                        report->last().result.runs.empty()
                            ? QString()
                            : tr("; the exported program matches eager"));
    else if (report->exported)
        text = tr("Exported after %1 (%2), but the exported program differs from eager.")
                   .arg(text::countOf(static_cast<int>(report->rounds.size()), tr("round"),
                                      tr("rounds")),
                        env);
    else
        text = tr("torch.export refused the spec (%1, %2).")
                   .arg(text::countOf(static_cast<int>(report->rounds.size()), tr("round"),
                                      tr("rounds")),
                        env);
    if (report->exported)
        text += QLatin1Char(' ') + tr("Kept %1, specialized %2, merged %3, range %4.")
                                       .arg(report->diff.count(exported::DimOutcome::Kept))
                                       .arg(report->diff.count(exported::DimOutcome::Specialized))
                                       .arg(report->diff.count(exported::DimOutcome::Merged))
                                       .arg(report->diff.count(exported::DimOutcome::Bounds));
    if (m_context.hasVerifyFixes())
        text += QLatin1Char(' ') + tr("Apply suggested fixes takes torch's changes into the spec.");
    m_summary->setText(text);
}

} // namespace ds::ui
