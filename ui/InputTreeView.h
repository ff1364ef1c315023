#pragma once

#include "spec/ShapeSpec.h"

#include <QTreeView>

class QMenu;

namespace ds::document {
class DocumentContext;
}
namespace ds::itemmodels {
class InputFilterProxyModel;
}
namespace ds::itemmodels {
class InputTreeModel;
}

namespace ds::ui {

class ShapeChipDelegate;

// The input tree: the model behind the filter proxy, chips in the shape
// column, F2 / double click to rename, Copy as aligned text, and the
// selected dimension kept in the document context both ways.
class InputTreeView : public QTreeView {
    Q_OBJECT
public:
    explicit InputTreeView(document::DocumentContext& context, QWidget* parent = nullptr);

    itemmodels::InputTreeModel* treeModel() const { return m_model; }
    itemmodels::InputFilterProxyModel* filterModel() const { return m_proxy; }
    ShapeChipDelegate* chipDelegate() const { return m_chips; }

    // View indexes (through the filter) of a tensor row and a dimension row.
    QModelIndex viewIndexOfTensor(int tensor, int column) const;
    QModelIndex viewIndexOfDim(spec::DimRef ref, int column) const;
    // Where a dimension's chip is drawn, in viewport coordinates; empty when hidden.
    QRect chipRect(spec::DimRef ref) const;

    // Opens the dimension editor for `ref` (window-modal; applies on OK, one
    // undo step for every dimension its scope reaches).
    void editDimension(spec::DimRef ref);
    // The dimensions selected, at `position` for selected tensor rows, sorted.
    std::vector<spec::DimRef> selectedDims(int position) const;
    // The dimension under a viewport point: a dimension row, or a chip.
    spec::DimRef dimRefAtPoint(QPoint viewportPos) const;
    // Expands containers down to their tensors (not the tensors' dimension rows).
    void expandContainers();
    QString selectionAsText() const;
    // What the empty view says (no inputs open): how to start.
    static QString emptyHint();
    void copySelection(); // and says so in informed()

signals:
    // The tensor of the current row (a tensor row or one of its dimension
    // rows), -1 on a container; for the tensor detail panel.
    void currentTensorChanged(int tensor);
    // A confirmation for the status bar ("Copied 3 rows").
    void informed(const QString& message);

protected:
    bool edit(const QModelIndex& index, EditTrigger trigger, QEvent* event) override;
    void currentChanged(const QModelIndex& current, const QModelIndex& previous) override;
    void keyPressEvent(QKeyEvent* event) override;
    void paintEvent(QPaintEvent* event) override; // the empty window's hint
    void contextMenuEvent(QContextMenuEvent* event) override;
    void addDimensionActions(QMenu& menu, spec::DimRef ref);

private:
    spec::DimRef dimRefAt(const QModelIndex& viewIndex) const;
    int tensorAt(const QModelIndex& viewIndex) const;
    void reveal(spec::DimRef ref);
    void resizeColumnsOnce();
    int shapeColumnWidth() const;

    document::DocumentContext& m_context;
    itemmodels::InputTreeModel* m_model;
    itemmodels::InputFilterProxyModel* m_proxy;
    ShapeChipDelegate* m_chips;
};

} // namespace ds::ui
