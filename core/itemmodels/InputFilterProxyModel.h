#pragma once

#include "FilterQuery.h"

#include <QSortFilterProxyModel>

namespace ds::itemmodels {

// The filter box's proxy: a row stays when it matches the query or holds a
// row that does (recursive filtering); a matching tensor keeps all its
// dimension rows, a matching container all its contents.
class InputFilterProxyModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit InputFilterProxyModel(QObject* parent = nullptr);

    void setFilterQuery(const QString& typed);
    const FilterQuery& filterQuery() const { return m_query; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    FilterQuery m_query;
};

} // namespace ds::itemmodels
