#include "ChecksPanel.h"

#include "ListTable.h"
#include "model/Plural.h"

#include "model/ChecksListModel.h"
#include "model/DocumentContext.h"
#include "model/ModelRoles.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace ds::ui {

ChecksPanel::ChecksPanel(DocumentContext& context, QWidget* parent)
    : QWidget(parent), m_context(context) {
    m_summary = new QLabel(this);
    m_model = new ChecksListModel(context, this);
    m_list = new QTableView(this);
    m_list->setModel(m_model);
    configureListTable(*m_list);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);

    connect(m_list, &QTableView::clicked, this, [this](const QModelIndex& index) {
        const DimRef ref{index.data(Roles::TensorIndexRole).toInt(),
                         index.data(Roles::DimIndexRole).toInt()};
        if (ref.tensor >= 0)
            m_context.revealDim(ref);
    });
    connect(m_model, &QAbstractItemModel::modelReset, this,
            [this] { m_summary->setText(summaryFor(m_context)); });
    m_summary->setText(summaryFor(context));
}

QString ChecksPanel::summaryFor(const DocumentContext& context) {
    if (!context.hasInputs())
        return tr("No inputs.");
    int errors = 0;
    int warnings = 0;
    for (const CheckFinding& f : context.findings())
        (f.severity == Severity::Error ? errors : warnings) += 1;
    if (errors + warnings == 0)
        return tr("No problems found.");
    return countOf(errors, tr("error"), tr("errors")) + QStringLiteral(", ") +
           countOf(warnings, tr("warning"), tr("warnings"));
}

} // namespace ds::ui
