#include "ComparisonPanel.h"

#include "ListTable.h"
#include "text/Plural.h"

#include "DialogFolders.h"
#include "ErrorReporter.h"
#include "document/DocumentContext.h"
#include "itemmodels/ComparisonListModel.h"
#include "itemmodels/DimStatusStyle.h"
#include "itemmodels/ModelRoles.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace ds::ui {

namespace {

QString swatch(analysis::DimStatus status, int count) {
    return QStringLiteral("<span style='background:%1'>&nbsp;&nbsp;&nbsp;</span>&nbsp;%2 %3")
        .arg(itemmodels::dimStatusColor(status).name())
        .arg(count)
        .arg(itemmodels::dimStatusPhrase(status).toHtmlEscaped());
}

} // namespace

ComparisonPanel::ComparisonPanel(document::DocumentContext& context, ErrorReporter& errors,
                                 QWidget* parent)
    : QWidget(parent), m_context(context), m_errors(errors) {
    auto* open = new QPushButton(tr("&Open reference…"), this);
    auto* paste = new QPushButton(tr("&Paste reference"), this);
    paste->setToolTip(tr("A dynamic_shapes literal, DimStudio JSON or a dynamic_axes mapping "
                         "from the clipboard"));
    m_adopt = new QPushButton(tr("&Adopt reference"), this);
    m_adopt->setToolTip(tr("Take the reference's decision for every dimension it covers"));
    m_clear = new QPushButton(tr("Clear"), this);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);

    m_model = new itemmodels::ComparisonListModel(context, this);
    m_list = new QTableView(this);
    m_list->setModel(m_model);
    configureListTable(*m_list);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(open);
    buttons->addWidget(paste);
    buttons->addStretch(1);
    buttons->addWidget(m_adopt);
    buttons->addWidget(m_clear);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);

    connect(open, &QPushButton::clicked, this, &ComparisonPanel::chooseReferenceFile);
    // Both report their errors themselves.
    connect(paste, &QPushButton::clicked, this, [this] { (void)pasteReference(); });
    connect(m_adopt, &QPushButton::clicked, this, &ComparisonPanel::adoptReference);
    connect(m_clear, &QPushButton::clicked, this, &ComparisonPanel::clearReference);
    connect(m_list, &QTableView::clicked, this, [this](const QModelIndex& index) {
        const spec::DimRef ref{index.data(itemmodels::Roles::TensorIndexRole).toInt(),
                               index.data(itemmodels::Roles::DimIndexRole).toInt()};
        if (ref.tensor >= 0)
            m_context.revealDim(ref);
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &ComparisonPanel::updateSummary);
    updateSummary();
}

void ComparisonPanel::chooseReferenceFile() {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open reference spec"), dialogFolder(m_context),
                                     tr("Specs (*.py *.txt *.json);;All files (*)"));
    rememberDialogFolder(path);
    if (!path.isEmpty())
        (void)openReference(path); // it reports its errors
}

Status ComparisonPanel::openReference(const QString& path) {
    auto source = session::readSpecFile(path);
    if (!source) {
        m_errors.report(source.error());
        return source.error();
    }
    m_context.setReference(std::move(source).value());
    return okStatus();
}

Status ComparisonPanel::pasteReference() {
    const QString text = QApplication::clipboard()->text();
    auto source = session::parseSpecSource(text.toUtf8(), ErrorReporter::clipboardOrigin());
    if (!source) {
        m_errors.report(source.error(), tr("read"));
        return source.error();
    }
    m_context.setReference(std::move(source).value());
    return okStatus();
}

void ComparisonPanel::adoptReference() {
    if (!m_context.hasReference() || !m_context.hasInputs())
        return;
    m_context.flushAnalysis(); // adopt what the list shows, not a comparison one edit old
    const spec::ShapeSpec adopted =
        ds::analysis::adoptReference(m_context.spec(), m_context.comparison());
    const int structure = m_context.comparison().summary.structure;
    if (structure > 0) {
        // A reference written for other inputs would rewrite most of the spec.
        const auto changes = document::replaceChanges(m_context.spec(), adopted);
        const auto toStatic = std::count_if(changes.begin(), changes.end(), [](const auto& c) {
            return c.before.isDynamic() && !c.after.isDynamic();
        });
        const QString question =
            tr("The reference %1 does not fit these inputs (%2).\nAdopting it changes %3, "
               "%4 of them to static.\n\nAdopt it anyway?")
                .arg(QFileInfo(m_context.session().referenceSource().origin).fileName(),
                     text::countOf(structure, tr("structure problem"), tr("structure problems")),
                     text::countOf(static_cast<int>(changes.size()), tr("dimension"),
                                   tr("dimensions")))
                .arg(toStatic);
        if (!m_errors.ask(tr("Adopt reference"), question, false)) {
            m_errors.inform(tr("Adopt reference cancelled: the reference does not fit "
                               "these inputs"));
            return;
        }
    }
    m_context.replaceSpec(adopted, tr("Adopt reference"));
}

void ComparisonPanel::clearReference() {
    m_context.clearReference();
}

QString ComparisonPanel::summaryText() const {
    return m_summary->text();
}

void ComparisonPanel::updateSummary() {
    const bool set = m_context.hasReference();
    m_adopt->setEnabled(set && m_context.hasInputs());
    m_clear->setEnabled(set);
    if (!set) {
        m_summary->setText(tr("No reference. Open or paste one (a dynamic_shapes literal, "
                              "DimStudio JSON or a dynamic_axes mapping) to compare."));
        return;
    }
    const QString origin = QFileInfo(m_context.session().referenceSource().origin).fileName();
    const analysis::ComparisonSummary& s = m_context.comparison().summary;
    if (s.clean()) {
        m_summary->setText(
            tr("<b>%1</b>: the spec matches the reference.").arg(origin.toHtmlEscaped()));
        return;
    }
    QStringList parts;
    const std::pair<analysis::DimStatus, int> counts[] = {
        {analysis::DimStatus::OnlyHere, s.onlyHere},
        {analysis::DimStatus::OnlyReference, s.onlyReference},
        {analysis::DimStatus::Grouping, s.grouping},
        {analysis::DimStatus::Bounds, s.bounds}};
    for (const auto& [status, count] : counts)
        if (count > 0)
            parts << swatch(status, count);
    if (s.structure > 0)
        parts << text::countOf(s.structure, tr("structure problem"), tr("structure problems"));
    m_summary->setText(
        tr("<b>%1</b>: %2").arg(origin.toHtmlEscaped(), parts.join(QStringLiteral(" &nbsp; "))));
}

} // namespace ds::ui
