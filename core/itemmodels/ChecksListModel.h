#pragma once

#include "analysis/SpecCheck.h"

#include <QAbstractTableModel>

namespace ds::document {
class DocumentContext;
}

namespace ds::itemmodels {

// The checks panel's list: what checkSpec finds in the current spec (errors
// first, as checkSpec orders them). Rows about one dimension carry
// TensorIndexRole/DimIndexRole so that a click selects it.
class ChecksListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { SeverityColumn, WhereColumn, MessageColumn, FixColumn, ColumnCount };

    explicit ChecksListModel(document::DocumentContext& context, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void reload();

    document::DocumentContext& m_context;
    std::vector<analysis::CheckFinding> m_findings;
};

} // namespace ds::itemmodels
