#include "ComparisonListModel.h"

#include "DimStatusStyle.h"
#include "ModelRoles.h"
#include "NodeText.h"
#include "document/DocumentContext.h"

#include <QBrush>

namespace ds::itemmodels {

namespace {

QString decisionText(const spec::DimSpec& spec) {
    if (!spec.isDynamic())
        return QStringLiteral("static");
    QString text = spec.displayText();
    if (spec.hasBounds())
        text += QStringLiteral(" [%1, %2]")
                    .arg(spec.min ? QString::number(*spec.min) : QStringLiteral("0"),
                         spec.max ? QString::number(*spec.max) : QStringLiteral("\u221e"));
    return text;
}

} // namespace

ComparisonListModel::ComparisonListModel(document::DocumentContext& context, QObject* parent)
    : QAbstractTableModel(parent), m_context(context) {
    // The list is short (differences only), so a rebuilt list is a reset.
    connect(&context, &document::DocumentContext::comparisonChanged, this,
            &ComparisonListModel::reload);
    connect(&context, &document::DocumentContext::referenceChanged, this,
            &ComparisonListModel::reload);
    connect(&context, &document::DocumentContext::inputsChanged, this,
            &ComparisonListModel::reload);
    reload();
}

void ComparisonListModel::reload() {
    beginResetModel();
    m_rows.clear();
    if (m_context.hasReference() && m_context.hasInputs()) {
        const spec::ExportTree& tree = m_context.tree();
        for (const analysis::DimComparison& dc : m_context.comparison().dims) {
            if (dc.status == analysis::DimStatus::Same)
                continue;
            const spec::ExportNode* node = tree.tensorNode(dc.ref.tensor);
            const QString where = QStringLiteral("%1 [%2]")
                                      .arg(node->path().isEmpty() ? nodeName(*node) : node->path())
                                      .arg(dc.ref.dim);
            // The comparison's own words say why a grouping or bounds differ.
            const QString difference =
                dc.detail.isEmpty() ? dimStatusPhrase(dc.status)
                                    : dimStatusPhrase(dc.status) + QStringLiteral(": ") + dc.detail;
            m_rows.push_back({dc.ref, where, decisionText(dc.here), decisionText(dc.reference),
                              dc.status, difference});
        }
        for (const spec::StructureIssue& issue : m_context.comparison().structure)
            m_rows.push_back({spec::DimRef{}, issue.path.isEmpty() ? tr("top level") : issue.path,
                              QString(), QString(), analysis::DimStatus::Same, issue.message});
    }
    endResetModel();
}

int ComparisonListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ComparisonListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ComparisonListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= static_cast<int>(m_rows.size()))
        return {};
    const Row& row = m_rows[static_cast<size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case WhereColumn:
            return row.where;
        case HereColumn:
            return row.here;
        case ReferenceColumn:
            return row.reference;
        case DifferenceColumn:
            return row.difference;
        }
        return {};
    case Qt::BackgroundRole:
        if (index.column() == DifferenceColumn && row.status != analysis::DimStatus::Same)
            return QBrush(dimStatusTint(row.status));
        return {};
    case Roles::TensorIndexRole:
        return row.ref.tensor;
    case Roles::DimIndexRole:
        return row.ref.dim;
    case Roles::ComparisonStatusRole:
        return row.ref.tensor >= 0 ? static_cast<int>(row.status) : -1;
    }
    return {};
}

QVariant ComparisonListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case WhereColumn:
        return tr("Dimension");
    case HereColumn:
        return tr("Here");
    case ReferenceColumn:
        return tr("Reference");
    case DifferenceColumn:
        return tr("Difference");
    }
    return {};
}

} // namespace ds::itemmodels
