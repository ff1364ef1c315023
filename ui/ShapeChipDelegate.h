#pragma once

#include "ChipGeometry.h"
#include "itemmodels/ShapeChips.h"

#include <QElapsedTimer>
#include <QStyledItemDelegate>

namespace ds::document {
class DocumentContext;
}

namespace ds::ui {

// Paints a tensor's shape as one chip per dimension (static: the size in
// grey; dynamic: the name in blue; shared with the selected dim: yellow;
// differing from the reference: a border in the status colour), and turns a
// click on a chip into a toggle of exactly that dimension.
class ShapeChipDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    ShapeChipDelegate(document::DocumentContext& context, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    bool editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
                     const QModelIndex& index) override;

    // The chip rectangles of a cell, as paint() lays them out (for tests).
    ChipGeometry geometryFor(const QStyleOptionViewItem& option, const QModelIndex& index) const;

signals:
    // A chip was clicked (after its dimension was toggled): index is the tensor row.
    void chipClicked(const QModelIndex& tensorRow, int dim);
    void chipRenameRequested(const QModelIndex& tensorRow, int dim);

private:
    void paintChip(QPainter* painter, const QRect& rect, const itemmodels::ShapeChip& chip,
                   const QStyleOptionViewItem& option) const;

    document::DocumentContext& m_context;
    // The last chip clicked, to take back a double click's first toggle. The
    // double click itself may land beside that chip: the toggle changed its
    // text, and so its width.
    QPersistentModelIndex m_lastClickRow;
    int m_lastClickChip = -1;
    int m_undoIndexAfterClick = -1;
    QElapsedTimer m_lastClickClock;
    QElapsedTimer m_doubleClickClock;
};

} // namespace ds::ui
