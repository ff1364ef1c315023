#include "InputFilterProxyModel.h"

#include "InputTreeModel.h"

namespace ds::itemmodels {

InputFilterProxyModel::InputFilterProxyModel(QObject* parent) : QSortFilterProxyModel(parent) {
    setRecursiveFilteringEnabled(true);
    setAutoAcceptChildRows(true);
    // Edits never hide rows while the user works on them; only a new query refilters.
    setDynamicSortFilter(false);
}

void InputFilterProxyModel::setFilterQuery(const QString& typed) {
    FilterQuery query = parseFilterQuery(typed);
    if (query.text == m_query.text)
        return;
    m_query = std::move(query);
    invalidateFilter();
}

bool InputFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    if (m_query.isEmpty())
        return true;
    const QAbstractItemModel* source = sourceModel();
    const QModelIndex row = source->index(sourceRow, InputTreeModel::NameColumn, sourceParent);
    const auto kind = static_cast<Roles::RowKind>(row.data(Roles::RowKindRole).toInt());
    if (kind == Roles::RowKind::Dimension)
        return false; // shown with their tensor
    FilterSubject subject;
    subject.isTensor = kind == Roles::RowKind::Tensor;
    subject.name = row.data().toString();
    subject.kind = row.siblingAtColumn(InputTreeModel::KindColumn).data().toString();
    if (subject.isTensor) {
        const QModelIndex shape = row.siblingAtColumn(InputTreeModel::ShapeColumn);
        subject.shapeText = shape.data().toString();
        const auto sizes = row.data(Roles::ShapeSizesRole).value<QList<qint64>>();
        subject.sizes.assign(sizes.begin(), sizes.end());
        subject.dimNames = row.data(Roles::DimNamesRole).toStringList();
    }
    return matchesFilter(m_query, subject);
}

} // namespace ds::itemmodels
