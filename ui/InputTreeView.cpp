#include "InputTreeView.h"

#include "RenameDimensionDialog.h"
#include "ShapeChipDelegate.h"
#include "document/DocumentContext.h"
#include "itemmodels/AlignedText.h"
#include "itemmodels/InputFilterProxyModel.h"
#include "itemmodels/InputTreeModel.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QMenu>

#include <algorithm>
#include <vector>

namespace ds::ui {

namespace {

// A row's position from the root, to copy rows in the order they are shown.
QList<int> rowPath(QModelIndex index) {
    QList<int> path;
    for (; index.isValid(); index = index.parent())
        path.prepend(index.row());
    return path;
}

} // namespace

InputTreeView::InputTreeView(document::DocumentContext& context, QWidget* parent)
    : QTreeView(parent), m_context(context) {
    m_model = new itemmodels::InputTreeModel(context, this);
    m_proxy = new itemmodels::InputFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    setModel(m_proxy);
    m_chips = new ShapeChipDelegate(context, this);
    setItemDelegateForColumn(itemmodels::InputTreeModel::ShapeColumn, m_chips);
    setUniformRowHeights(true); // 100,000 rows: no per-row size queries
    setAlternatingRowColors(true);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    header()->setStretchLastSection(false);

    connect(m_chips, &ShapeChipDelegate::chipClicked, this,
            [this](const QModelIndex& row, int dim) {
                m_context.setCurrentDim({tensorAt(row), dim});
            });
    connect(m_chips, &ShapeChipDelegate::chipRenameRequested, this,
            [this](const QModelIndex& row, int dim) {
                renameDimension({tensorAt(row), dim});
            });
    connect(&context, &document::DocumentContext::dimRevealRequested, this, &InputTreeView::reveal);
    connect(&context, &document::DocumentContext::inputsChanged, this, [this] {
        resizeColumnsOnce();
        expandContainers(); // the tensors at a glance, their dimension rows on demand
    });
}

spec::DimRef InputTreeView::dimRefAt(const QModelIndex& viewIndex) const {
    return m_model->dimRefAt(m_proxy->mapToSource(viewIndex));
}

int InputTreeView::tensorAt(const QModelIndex& viewIndex) const {
    return viewIndex.data(itemmodels::Roles::TensorIndexRole).toInt();
}

QModelIndex InputTreeView::viewIndexOfTensor(int tensor, int column) const {
    return m_proxy->mapFromSource(m_model->tensorIndex(tensor, column));
}

QModelIndex InputTreeView::viewIndexOfDim(spec::DimRef ref, int column) const {
    return m_proxy->mapFromSource(m_model->dimIndex(ref, column));
}

QRect InputTreeView::chipRect(spec::DimRef ref) const {
    const QModelIndex cell = viewIndexOfTensor(ref.tensor, itemmodels::InputTreeModel::ShapeColumn);
    const QRect rect = visualRect(cell);
    if (!cell.isValid() || rect.isEmpty())
        return {};
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    option.rect = rect;
    const ChipGeometry g = m_chips->geometryFor(option, cell);
    return ref.dim >= 0 && ref.dim < g.chips.size() ? g.chips[ref.dim] : QRect();
}

void InputTreeView::renameDimension(spec::DimRef ref) {
    if (!m_context.hasInputs() || !m_context.spec().contains(ref))
        return;
    const spec::ExportTree& tree = m_context.tree();
    const spec::ShapeSpec& spec = m_context.spec();
    const spec::ExportNode* tensor = tree.tensorNode(ref.tensor);
    const spec::DimSpec& current = spec.dim(ref);
    RenameChoices choices;
    choices.where = QStringLiteral("%1 [%2]").arg(tensor->path()).arg(ref.dim);
    choices.currentName = current.isDynamic() ? current.name : QString();
    choices.size = tensor->tensor().shape[static_cast<size_t>(ref.dim)];
    choices.position = ref.dim;
    choices.sameNameCount = static_cast<int>(
        renameTargets(tree, spec, ref, document::RenameScope::SameName, m_context.namedLookup())
            .size());
    choices.sameSizeCount =
        static_cast<int>(renameTargets(tree, spec, ref, document::RenameScope::SameSizeAtPosition,
                                       m_context.namedLookup())
                             .size());
    if (choices.currentName.isEmpty())
        choices.currentName = m_context.suggestedName(ref);

    auto* dialog = new RenameDimensionDialog(choices, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, ref] {
        m_context.renameDim(ref, dialog->name(), dialog->scope());
        m_context.setCurrentDim(ref);
    });
    dialog->open();
}

bool InputTreeView::edit(const QModelIndex& index, EditTrigger trigger, QEvent* event) {
    const bool renameTrigger = trigger == DoubleClicked || trigger == EditKeyPressed;
    if (renameTrigger && index.isValid()) {
        const spec::DimRef ref = dimRefAt(index);
        const int column = index.column();
        const bool boundColumn = column == itemmodels::InputTreeModel::MinColumn ||
                                 column == itemmodels::InputTreeModel::MaxColumn;
        if (ref.tensor >= 0 && !boundColumn) {
            renameDimension(ref);
            return true;
        }
        // F2 on a tensor renames its selected dimension, else its first one.
        const int tensor = tensorAt(index);
        if (ref.tensor < 0 && tensor >= 0 && trigger == EditKeyPressed &&
            m_context.spec().rank(tensor) > 0) {
            const spec::DimRef current = m_context.currentDim();
            renameDimension(current.tensor == tensor ? current : spec::DimRef{tensor, 0});
            return true;
        }
    }
    return QTreeView::edit(index, trigger, event);
}

void InputTreeView::currentChanged(const QModelIndex& current, const QModelIndex& previous) {
    QTreeView::currentChanged(current, previous);
    emit currentTensorChanged(tensorAt(current));
    const spec::DimRef ref = dimRefAt(current);
    // A tensor row keeps the dimension last picked on its chips.
    if (ref.tensor >= 0 || tensorAt(current) != m_context.currentDim().tensor)
        m_context.setCurrentDim(ref);
}

void InputTreeView::reveal(spec::DimRef ref) {
    const QModelIndex index = viewIndexOfDim(ref, itemmodels::InputTreeModel::NameColumn);
    if (!index.isValid())
        return;                                           // filtered out
    scrollTo(index, QAbstractItemView::PositionAtCenter); // expands the parents
    setCurrentIndex(index);
}

void InputTreeView::expandContainers() {
    std::vector<QModelIndex> pending{QModelIndex()};
    int budget = 5000; // expanding is per row: keep huge trees responsive
    while (!pending.empty() && budget-- > 0) {
        const QModelIndex parent = pending.back();
        pending.pop_back();
        for (int r = 0; r < m_proxy->rowCount(parent); ++r) {
            const QModelIndex child = m_proxy->index(r, 0, parent);
            const auto kind = static_cast<itemmodels::Roles::RowKind>(
                child.data(itemmodels::Roles::RowKindRole).toInt());
            if (kind == itemmodels::Roles::RowKind::Container) {
                expand(child);
                pending.push_back(child);
            }
        }
    }
}

QString InputTreeView::selectionAsText() const {
    QModelIndexList rows = selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return rowPath(a) < rowPath(b); });
    QList<QStringList> cells;
    QList<int> indent;
    QStringList header;
    for (int c = 0; c < m_proxy->columnCount(); ++c)
        header << m_proxy->headerData(c, Qt::Horizontal).toString();
    cells << header;
    indent << 0;
    for (const QModelIndex& row : rows) {
        QStringList line;
        for (int c = 0; c < m_proxy->columnCount(); ++c)
            line << row.siblingAtColumn(c).data().toString();
        cells << line;
        indent << 2 * (static_cast<int>(rowPath(row).size()) - 1);
    }
    return itemmodels::alignedText(cells, indent);
}

void InputTreeView::copySelection() const {
    QApplication::clipboard()->setText(selectionAsText());
}

void InputTreeView::keyPressEvent(QKeyEvent* event) {
    if (event == QKeySequence::Copy) {
        copySelection();
        event->accept();
        return;
    }
    QTreeView::keyPressEvent(event);
}

void InputTreeView::contextMenuEvent(QContextMenuEvent* event) {
    QMenu menu(this);
    const QModelIndex index = indexAt(event->pos());
    const spec::DimRef ref = dimRefAt(index);
    if (ref.tensor >= 0) {
        const bool dynamic = m_context.spec().dim(ref).isDynamic();
        menu.addAction(tr("Rename…"), this, [this, ref] { renameDimension(ref); });
        menu.addAction(dynamic ? tr("Make static") : tr("Make dynamic"), this,
                       [this, ref, dynamic] { m_context.toggleDim(ref, !dynamic); });
        menu.addSeparator();
    }
    menu.addAction(tr("Copy"), this, &InputTreeView::copySelection)
        ->setShortcut(QKeySequence::Copy);
    menu.addSeparator();
    menu.addAction(tr("Expand all"), this, &QTreeView::expandAll);
    menu.addAction(tr("Collapse all"), this, &QTreeView::collapseAll);
    menu.exec(event->globalPos());
}

void InputTreeView::resizeColumnsOnce() {
    // Sized from the first rows only: resizeColumnToContents would visit every row.
    header()->resizeSection(itemmodels::InputTreeModel::NameColumn, 190);
    header()->resizeSection(itemmodels::InputTreeModel::KindColumn, 100);
    header()->resizeSection(itemmodels::InputTreeModel::ShapeColumn, 250);
    header()->resizeSection(itemmodels::InputTreeModel::SpecColumn, 170);
    header()->resizeSection(itemmodels::InputTreeModel::MinColumn, 50);
    header()->resizeSection(itemmodels::InputTreeModel::MaxColumn, 50);
    header()->resizeSection(itemmodels::InputTreeModel::ExportColumn, 150);
}

} // namespace ds::ui
