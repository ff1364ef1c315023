#include "ShapeChipDelegate.h"

#include "document/DocumentContext.h"
#include "itemmodels/DimStatusStyle.h"
#include "itemmodels/InputTreeModel.h"
#include "itemmodels/ModelRoles.h"

#include <QApplication>
#include <QMouseEvent>
#include <QPainter>

namespace ds::ui {

namespace {

struct ChipColors {
    QColor fill, border, text;
};

const ChipColors kStatic{QColor(0xf0, 0xf0, 0xf0), QColor(0xc4, 0xc4, 0xc4),
                         QColor(0x30, 0x30, 0x30)};
const ChipColors kDynamic{QColor(0xdb, 0xe9, 0xff), QColor(0x4a, 0x86, 0xe8),
                          QColor(0x12, 0x3f, 0x8c)};
const ChipColors kShared{QColor(0xff, 0xe5, 0x80), QColor(0xd4, 0x9b, 0x00),
                         QColor(0x4a, 0x35, 0x00)};

itemmodels::ShapeChips chipsOf(const QModelIndex& index) {
    return index.data(itemmodels::Roles::ShapeChipsRole).value<itemmodels::ShapeChips>();
}

QStringList textsOf(const itemmodels::ShapeChips& chips) {
    QStringList texts;
    for (const itemmodels::ShapeChip& chip : chips.chips)
        texts << chip.text;
    return texts;
}

} // namespace

ShapeChipDelegate::ShapeChipDelegate(document::DocumentContext& context, QObject* parent)
    : QStyledItemDelegate(parent), m_context(context) {}

ChipGeometry ShapeChipDelegate::geometryFor(const QStyleOptionViewItem& option,
                                            const QModelIndex& index) const {
    return layoutChips(option.rect, option.fontMetrics, textsOf(chipsOf(index)));
}

void ShapeChipDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const {
    const itemmodels::ShapeChips chips = chipsOf(index);
    if (chips.chips.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The item's own background and selection first, without its text.
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget* widget = opt.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const ChipGeometry g = layoutChips(option.rect, option.fontMetrics, textsOf(chips));
    painter->save();
    painter->setClipRect(option.rect);
    painter->setRenderHint(QPainter::Antialiasing);
    for (int i = 0; i < chips.chips.size(); ++i)
        paintChip(painter, g.chips[i], chips.chips[i], option);
    const bool selected = option.state & QStyle::State_Selected;
    painter->setPen(option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    for (const QPoint& at : g.separators)
        painter->drawText(at, QString(QChar(0x00d7)));
    painter->restore();
}

void ShapeChipDelegate::paintChip(QPainter* painter, const QRect& rect,
                                  const itemmodels::ShapeChip& chip,
                                  const QStyleOptionViewItem& option) const {
    const ChipColors& colors = chip.sharedName ? kShared : chip.dynamic ? kDynamic : kStatic;
    QPen border(colors.border, 1.0);
    if (chip.comparisonStatus > 0) {
        // A difference from the reference outweighs the plain kind colour.
        border = QPen(
            itemmodels::dimStatusColor(static_cast<analysis::DimStatus>(chip.comparisonStatus)),
            2.0);
    } else if (chip.exportColor.isValid()) {
        // Then what export did not keep as asked (the Export column says what).
        border = QPen(chip.exportColor, 2.0, Qt::DashLine);
    }
    painter->setPen(border);
    painter->setBrush(colors.fill);
    painter->drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
    painter->setPen(colors.text);
    painter->setFont(option.font);
    painter->drawText(rect, Qt::AlignCenter, chip.text);
}

QSize ShapeChipDelegate::sizeHint(const QStyleOptionViewItem& option,
                                  const QModelIndex& index) const {
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const itemmodels::ShapeChips chips = chipsOf(index);
    if (!chips.chips.isEmpty()) {
        const ChipGeometry g =
            layoutChips(QRect(0, 0, 0, size.height()), option.fontMetrics, textsOf(chips));
        size.setWidth(g.width);
    }
    // Every row is a chip row's height: with uniform row heights the tree
    // takes the first row's, and a first row without chips clipped them all.
    size.setHeight(std::max(size.height(), option.fontMetrics.height() + 6));
    return size;
}

bool ShapeChipDelegate::editorEvent(QEvent* event, QAbstractItemModel* model,
                                    const QStyleOptionViewItem& option, const QModelIndex& index) {
    const bool release = event->type() == QEvent::MouseButtonRelease;
    const bool doubleClick = event->type() == QEvent::MouseButtonDblClick;
    if (!release && !doubleClick)
        return QStyledItemDelegate::editorEvent(event, model, option, index);
    const auto* mouse = static_cast<QMouseEvent*>(event);
    int chip = mouse->button() == Qt::LeftButton
                   ? chipAt(geometryFor(option, index), mouse->position().toPoint())
                   : -1;
    const bool secondClickOfLast = doubleClick && mouse->button() == Qt::LeftButton &&
                                   m_lastClickRow == index && m_lastClickClock.isValid() &&
                                   m_lastClickClock.elapsed() < QApplication::doubleClickInterval();
    if (secondClickOfLast)
        chip = m_lastClickChip;
    if (chip < 0)
        return QStyledItemDelegate::editorEvent(event, model, option, index);

    const QModelIndex dimRow =
        model->index(chip, itemmodels::InputTreeModel::NameColumn,
                     index.siblingAtColumn(itemmodels::InputTreeModel::NameColumn));
    const bool dynamic = dimRow.data(Qt::CheckStateRole).toInt() == Qt::Checked;
    if (doubleClick) {
        // The first click of a double click toggled the chip: toggle it back,
        // a double click means "rename", not "toggle twice". The two toggles
        // merge into no step at all (DocumentContext::toggleDim), so
        // cancelling the rename leaves neither an undo nor a redo step.
        if (secondClickOfLast && m_context.undoStack().index() == m_undoIndexAfterClick)
            model->setData(dimRow, dynamic ? Qt::Unchecked : Qt::Checked,
                           itemmodels::Roles::ChipToggleRole);
        m_lastClickRow = QPersistentModelIndex();
        m_undoIndexAfterClick = -1;
        m_doubleClickClock.start();
        emit chipRenameRequested(index, chip);
        return true;
    }
    // The release that ends a double click is no new click. Time-limited, as a
    // dialog opened by the double click may take that release.
    if (m_doubleClickClock.isValid()) {
        const bool endsDoubleClick =
            m_doubleClickClock.elapsed() < QApplication::doubleClickInterval();
        m_doubleClickClock.invalidate();
        if (endsDoubleClick)
            return true;
    }
    model->setData(dimRow, dynamic ? Qt::Unchecked : Qt::Checked,
                   itemmodels::Roles::ChipToggleRole);
    m_lastClickRow = index;
    m_lastClickChip = chip;
    m_lastClickClock.start();
    m_undoIndexAfterClick = m_context.undoStack().index();
    emit chipClicked(index, chip);
    return true;
}

} // namespace ds::ui
