#include "ChecksPanel.h"

#include "ListTable.h"
#include "text/Plural.h"

#include "document/DocumentContext.h"
#include "itemmodels/ChecksListModel.h"
#include "itemmodels/ModelRoles.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace ds::ui {

ChecksPanel::ChecksPanel(document::DocumentContext& context, QWidget* parent)
    : QWidget(parent), m_context(context) {
    m_summary = new QLabel(this);
    m_model = new itemmodels::ChecksListModel(context, this);
    m_list = new QTableView(this);
    m_list->setModel(m_model);
    configureListTable(*m_list);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);

    connect(m_list, &QTableView::clicked, this, [this](const QModelIndex& index) {
        const spec::DimRef ref{index.data(itemmodels::Roles::TensorIndexRole).toInt(),
                               index.data(itemmodels::Roles::DimIndexRole).toInt()};
        if (ref.tensor >= 0)
            m_context.revealDim(ref);
    });
    connect(m_model, &QAbstractItemModel::modelReset, this,
            [this] { m_summary->setText(summaryFor(m_context)); });
    m_summary->setText(summaryFor(context));
}

QString ChecksPanel::summaryFor(const document::DocumentContext& context) {
    if (!context.hasInputs())
        return tr("No inputs.");
    int errors = 0;
    int warnings = 0;
    for (const analysis::CheckFinding& f : context.findings())
        (f.severity == analysis::Severity::Error ? errors : warnings) += 1;
    if (errors + warnings == 0)
        return tr("No problems found.");
    return text::countOf(errors, tr("error"), tr("errors")) + QStringLiteral(", ") +
           text::countOf(warnings, tr("warning"), tr("warnings"));
}

} // namespace ds::ui
