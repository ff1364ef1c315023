#pragma once

#include "ModelRoles.h"
#include "RowIndex.h"
#include "spec/ShapeSpec.h"

#include <QAbstractItemModel>

namespace ds::document {
class DocumentContext;
}

namespace ds::itemmodels {

// The inputs as a tree: containers, tensors, and under each tensor one row
// per dimension (index, size, dynamic checkbox, name, min, max). Edits go
// model -> document (an undo step) -> dataChanged on the rows that changed;
// the model is reset only when new inputs arrive.
class InputTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        KindColumn,
        ShapeColumn,
        SpecColumn,
        MinColumn,
        MaxColumn,
        ExportColumn, // what export made of the dimension, after a verify
        ColumnCount
    };

    explicit InputTreeModel(document::DocumentContext& context, QObject* parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    QModelIndex tensorIndex(int tensor, int column = NameColumn) const;
    QModelIndex dimIndex(spec::DimRef ref, int column = NameColumn) const;
    // The dimension a row stands for; tensor -1 for other rows.
    spec::DimRef dimRefAt(const QModelIndex& index) const;

signals:
    // An edit setData() refused, and why in one sentence ("'abc' is not a
    // whole number"): the view shows it, nothing is dropped silently.
    void editRefused(const QModelIndex& index, const QString& reason);

private:
    QVariant dimensionData(const RowIndex::Entry& entry, int column, int role) const;
    QVariant nodeData(const RowIndex::Entry& entry, int column, int role) const;
    bool setDimensionData(spec::DimRef ref, int column, const QVariant& value, int role);
    void notifyDims(const QVector<spec::DimRef>& refs, const QList<int>& roles);
    void notifyNames(const QString& previous, const QString& current);
    int idOf(const QModelIndex& index) const;

    document::DocumentContext& m_context;
    RowIndex m_rows;
};

} // namespace ds::itemmodels
