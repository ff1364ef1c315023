#include "InputTreeView.h"

#include "DimensionEditorDialog.h"
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
#include <QPainter>
#include <QToolTip>

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
                editDimension({tensorAt(row), dim});
            });
    connect(&context, &document::DocumentContext::dimRevealRequested, this, &InputTreeView::reveal);
    // A refused cell edit says why, where it was typed, and in the status bar.
    connect(m_model, &itemmodels::InputTreeModel::editRefused, this,
            [this](const QModelIndex& cell, const QString& reason) {
                const QRect rect = visualRect(m_proxy->mapFromSource(cell));
                QToolTip::showText(viewport()->mapToGlobal(rect.bottomLeft()), reason, viewport());
                emit informed(reason);
            });
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

void InputTreeView::editDimension(spec::DimRef ref) {
    if (!m_context.hasInputs() || !m_context.spec().contains(ref))
        return;
    const spec::ExportTree& tree = m_context.tree();
    const spec::ShapeSpec& spec = m_context.spec();
    const spec::ExportNode* tensor = tree.tensorNode(ref.tensor);
    const document::DimsNamed named = m_context.namedLookup();
    auto count = [&](document::RenameScope scope) {
        return static_cast<int>(renameTargets(tree, spec, ref, scope, named).size());
    };
    DimensionChoices choices;
    choices.where = QStringLiteral("%1 [%2]").arg(tensor->path()).arg(ref.dim);
    choices.current = spec.dim(ref);
    choices.suggestedName = m_context.suggestedName(ref);
    choices.names = spec.names();
    choices.size = tensor->tensor().shape[static_cast<size_t>(ref.dim)];
    choices.position = ref.dim;
    choices.sameNameCount = count(document::RenameScope::SameName);
    choices.sameSizeCount = count(document::RenameScope::SameSizeAtPosition);
    if (const spec::ExportNode* cache = document::cacheOf(tree, ref.tensor)) {
        choices.cacheName = cache->cacheClass;
        choices.sameCacheCount = count(document::RenameScope::SameCache);
    }
    const std::vector<spec::DimRef> selected = selectedDims(ref.dim);
    const bool inSelection = std::find(selected.begin(), selected.end(), ref) != selected.end();
    choices.selectionCount = inSelection ? static_cast<int>(selected.size()) : 0;
    auto targets = [this, ref, selected](document::RenameScope scope) {
        if (scope == document::RenameScope::Selection)
            return selected;
        return renameTargets(m_context.tree(), m_context.spec(), ref, scope,
                             m_context.namedLookup());
    };
    choices.problem = [this, targets](const spec::DimSpec& decision, document::RenameScope scope) {
        return document::decisionProblem(m_context.tree(), m_context.spec(), targets(scope),
                                         decision, m_context.namedLookup());
    };

    auto* dialog = new DimensionEditorDialog(choices, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, ref, targets] {
        const spec::DimSpec decision = dialog->decision();
        const document::RenameScope scope = dialog->scope();
        // A plain rename keeps its own behaviour: derived dims follow their
        // base, and a name in use lends its bounds unless new ones are typed.
        const bool rename = decision.kind == spec::DimSpec::Kind::Named && !decision.hasBounds() &&
                            scope != document::RenameScope::Selection;
        if (rename)
            m_context.renameDim(ref, decision.name, scope);
        else
            (void)m_context.decideDims(targets(scope), decision);
        m_context.setCurrentDim(ref);
    });
    dialog->open();
}

std::vector<spec::DimRef> InputTreeView::selectedDims(int position) const {
    std::vector<spec::DimRef> refs;
    if (!m_context.hasInputs())
        return refs;
    for (const QModelIndex& row : selectionModel()->selectedRows()) {
        const spec::DimRef ref = dimRefAt(row);
        const int tensor = tensorAt(row);
        if (ref.tensor >= 0)
            refs.push_back(ref);
        else if (tensor >= 0 && position >= 0 && position < m_context.spec().rank(tensor))
            refs.push_back({tensor, position});
    }
    std::sort(refs.begin(), refs.end());
    refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
    return refs;
}

spec::DimRef InputTreeView::dimRefAtPoint(QPoint viewportPos) const {
    const QModelIndex index = indexAt(viewportPos);
    const spec::DimRef ref = dimRefAt(index);
    if (ref.tensor >= 0 || !index.isValid())
        return ref;
    const int tensor = tensorAt(index);
    if (tensor < 0 || index.column() != itemmodels::InputTreeModel::ShapeColumn)
        return {};
    for (int d = 0; d < m_context.spec().rank(tensor); ++d)
        if (chipRect({tensor, d}).contains(viewportPos))
            return {tensor, d};
    return {};
}

bool InputTreeView::edit(const QModelIndex& index, EditTrigger trigger, QEvent* event) {
    const bool renameTrigger = trigger == DoubleClicked || trigger == EditKeyPressed;
    if (renameTrigger && index.isValid()) {
        const spec::DimRef ref = dimRefAt(index);
        const int column = index.column();
        const bool boundColumn = column == itemmodels::InputTreeModel::MinColumn ||
                                 column == itemmodels::InputTreeModel::MaxColumn;
        if (ref.tensor >= 0 && !boundColumn) {
            editDimension(ref);
            return true;
        }
        // F2 on a tensor renames its selected dimension, else its first one.
        const int tensor = tensorAt(index);
        if (ref.tensor < 0 && tensor >= 0 && trigger == EditKeyPressed &&
            m_context.spec().rank(tensor) > 0) {
            const spec::DimRef current = m_context.currentDim();
            editDimension(current.tensor == tensor ? current : spec::DimRef{tensor, 0});
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

void InputTreeView::copySelection() {
    const int rows = static_cast<int>(selectionModel()->selectedRows().size());
    QApplication::clipboard()->setText(selectionAsText());
    emit informed(rows == 1 ? tr("Copied 1 row") : tr("Copied %1 rows").arg(rows));
}

void InputTreeView::keyPressEvent(QKeyEvent* event) {
    if (event == QKeySequence::Copy) {
        copySelection();
        event->accept();
        return;
    }
    QTreeView::keyPressEvent(event);
}

QString InputTreeView::emptyHint() {
    return tr("No inputs open.\n\nOpen a torch.save file with File \u203a Open inputs (Ctrl+O) "
              "or drop it here,\npaste a type string (Ctrl+Shift+V), or open the bundled "
              "example (File \u203a Open bundled example).");
}

void InputTreeView::paintEvent(QPaintEvent* event) {
    QTreeView::paintEvent(event);
    if (m_context.hasInputs())
        return;
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(viewport()->rect().adjusted(16, 16, -16, -16),
                     Qt::AlignCenter | Qt::TextWordWrap, emptyHint());
}

void InputTreeView::contextMenuEvent(QContextMenuEvent* event) {
    QMenu menu(this);
    const spec::DimRef ref = dimRefAtPoint(event->pos()); // viewport coordinates
    if (ref.tensor >= 0)
        addDimensionActions(menu, ref);
    menu.addAction(tr("Copy"), this, &InputTreeView::copySelection)
        ->setShortcut(QKeySequence::Copy);
    menu.addSeparator();
    menu.addAction(tr("Expand all"), this, &QTreeView::expandAll);
    menu.addAction(tr("Collapse all"), this, &QTreeView::collapseAll);
    menu.exec(event->globalPos());
}

void InputTreeView::addDimensionActions(QMenu& menu, spec::DimRef ref) {
    using Scope = document::RenameScope;
    const spec::DimSpec& current = m_context.spec().dim(ref);
    const bool dynamic = current.isDynamic();
    menu.addAction(tr("Edit dimension…"), this, [this, ref] { editDimension(ref); })
        ->setShortcut(QKeySequence(Qt::Key_F2));
    menu.addAction(dynamic ? tr("Make static") : tr("Make dynamic"), this,
                   [this, ref, dynamic] { m_context.toggleDim(ref, !dynamic); });
    const auto hint = [this, ref](spec::DimSpec::HintKind kind) {
        (void)m_context.decideDims({ref}, spec::DimSpec::makeHint(kind));
    };
    QMenu* setTo = menu.addMenu(tr("Set to"));
    setTo->addAction(QStringLiteral("Dim.AUTO"), this,
                     [hint] { hint(spec::DimSpec::HintKind::Auto); });
    setTo->addAction(QStringLiteral("Dim.DYNAMIC"), this,
                     [hint] { hint(spec::DimSpec::HintKind::Dynamic); });
    setTo->addAction(QStringLiteral("Dim.STATIC"), this,
                     [hint] { hint(spec::DimSpec::HintKind::Static); });

    // Bulk: the same decision for a whole group, one undo step.
    const spec::ExportTree& tree = m_context.tree();
    const qint64 size = tree.tensorNode(ref.tensor)->tensor().shape[static_cast<size_t>(ref.dim)];
    QMenu* many = menu.addMenu(tr("Make static everywhere"));
    auto addBulk = [&](const QString& text, std::vector<spec::DimRef> targets) {
        if (targets.size() < 2)
            return;
        many->addAction(text.arg(targets.size()), this, [this, targets] {
            (void)m_context.decideDims(targets, spec::DimSpec::makeStatic());
        });
    };
    const document::DimsNamed named = m_context.namedLookup();
    if (current.kind == spec::DimSpec::Kind::Named)
        addBulk(tr("Every dimension named '%1' (%2)").arg(current.name, QStringLiteral("%1")),
                renameTargets(tree, m_context.spec(), ref, Scope::SameName, named));
    addBulk(tr("Every dimension of size %1 at position %2 (%3)")
                .arg(size)
                .arg(ref.dim)
                .arg(QStringLiteral("%1")),
            renameTargets(tree, m_context.spec(), ref, Scope::SameSizeAtPosition, named));
    if (const spec::ExportNode* cache = document::cacheOf(tree, ref.tensor))
        addBulk(tr("Position %1 of every tensor of this %2 (%3)")
                    .arg(ref.dim)
                    .arg(cache->cacheClass, QStringLiteral("%1")),
                renameTargets(tree, m_context.spec(), ref, Scope::SameCache, named));
    const std::vector<spec::DimRef> selected = selectedDims(ref.dim);
    if (std::find(selected.begin(), selected.end(), ref) != selected.end())
        addBulk(tr("The %1 selected dimensions"), selected);
    many->setEnabled(!many->isEmpty());
    menu.addSeparator();
}

int InputTreeView::shapeColumnWidth() const {
    // Wide enough for the chips of the first tensors (not all: 100,000 rows),
    // within reason: a 6-d tensor's chips fit, the other columns stay visible.
    int widest = 250;
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    const int tensors = m_context.hasInputs() ? std::min(m_context.tree().tensorCount(), 200) : 0;
    for (int t = 0; t < tensors; ++t) {
        const QModelIndex cell = viewIndexOfTensor(t, itemmodels::InputTreeModel::ShapeColumn);
        if (cell.isValid())
            widest = std::max(widest, m_chips->sizeHint(option, cell).width() + 24);
    }
    return std::min(widest, 520);
}

void InputTreeView::resizeColumnsOnce() {
    // Sized from the first rows only: resizeColumnToContents would visit every row.
    header()->resizeSection(itemmodels::InputTreeModel::NameColumn, 190);
    header()->resizeSection(itemmodels::InputTreeModel::KindColumn, 100);
    header()->resizeSection(itemmodels::InputTreeModel::ShapeColumn, shapeColumnWidth());
    header()->resizeSection(itemmodels::InputTreeModel::SpecColumn, 170);
    header()->resizeSection(itemmodels::InputTreeModel::MinColumn, 50);
    header()->resizeSection(itemmodels::InputTreeModel::MaxColumn, 50);
    header()->resizeSection(itemmodels::InputTreeModel::ExportColumn, 150);
}

} // namespace ds::ui
