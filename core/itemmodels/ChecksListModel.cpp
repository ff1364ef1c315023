#include "ChecksListModel.h"

#include "ModelRoles.h"
#include "document/DocumentContext.h"

#include <QBrush>

namespace ds::itemmodels {

ChecksListModel::ChecksListModel(document::DocumentContext& context, QObject* parent)
    : QAbstractTableModel(parent), m_context(context) {
    connect(&context, &document::DocumentContext::findingsChanged, this, &ChecksListModel::reload);
    reload();
}

void ChecksListModel::reload() {
    beginResetModel();
    m_findings = m_context.findings();
    endResetModel();
}

int ChecksListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_findings.size());
}

int ChecksListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ChecksListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= static_cast<int>(m_findings.size()))
        return {};
    const analysis::CheckFinding& f = m_findings[static_cast<size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityColumn:
            return severityName(f.severity);
        case WhereColumn:
            return f.ref.tensor >= 0 ? QStringLiteral("%1 [%2]").arg(f.path).arg(f.ref.dim)
                                     : f.path;
        case MessageColumn:
            return f.message;
        case FixColumn:
            return f.fix;
        }
        return {};
    case Qt::ToolTipRole:
        return QStringLiteral("%1\nfix: %2").arg(f.message, f.fix);
    case Qt::ForegroundRole:
        if (index.column() == SeverityColumn)
            return QBrush(f.severity == analysis::Severity::Error ? QColor(0xc0, 0x39, 0x2b)
                                                                  : QColor(0xb7, 0x6e, 0x00));
        return {};
    case Roles::TensorIndexRole:
        return f.ref.tensor;
    case Roles::DimIndexRole:
        return f.ref.dim;
    }
    return {};
}

QVariant ChecksListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case WhereColumn:
        return tr("Where");
    case MessageColumn:
        return tr("Finding");
    case FixColumn:
        return tr("Fix");
    }
    return {};
}

} // namespace ds::itemmodels
