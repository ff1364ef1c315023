#pragma once

#include "analysis/SpecComparison.h"

#include <QAbstractTableModel>

namespace ds::document {
class DocumentContext;
}

namespace ds::itemmodels {

// The comparison panel's list: every dimension that differs from the
// reference, then every place where the structures do not match. Rows carry
// TensorIndexRole/DimIndexRole so that a click can select the dimension.
class ComparisonListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { WhereColumn, HereColumn, ReferenceColumn, DifferenceColumn, ColumnCount };

    explicit ComparisonListModel(document::DocumentContext& context, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row {
        spec::DimRef ref; // tensor -1 for structure issues
        QString where;
        QString here;
        QString reference;
        analysis::DimStatus status = analysis::DimStatus::Same;
        QString difference;
    };
    void reload();

    document::DocumentContext& m_context;
    std::vector<Row> m_rows;
};

} // namespace ds::itemmodels
