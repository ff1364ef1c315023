#pragma once

#include "spec/ShapeSpec.h"

#include <QAbstractTableModel>

namespace ds::document {
class DocumentContext;
}

namespace ds::itemmodels {

// The Export panel's list: what the last verify or pasted export error said,
// row by row: torch's problems (each on the dimension its source names), the
// changes its fixes make and why, lines that could not be applied, what
// export made of each dimension that needs a look, and the runs against
// eager. Rows about a dimension carry TensorIndexRole/DimIndexRole.
class ExportListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { WhatColumn, WhereColumn, DetailColumn, ColumnCount };

    struct Row {
        QString what;   // "problem", "change", "not applied", "specialized", "run", ...
        QString where;  // "attention_mask [1]", or a round / run name
        QString detail; // the text
        spec::DimRef ref;
        bool bad = false; // shown as something to act on
    };

    explicit ExportListModel(document::DocumentContext& context, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    const std::vector<Row>& rows() const { return m_rows; }

private:
    void reload();

    document::DocumentContext& m_context;
    std::vector<Row> m_rows;
};

} // namespace ds::itemmodels
