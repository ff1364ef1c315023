#include "InputTreeModel.h"

#include "DimStatusStyle.h"
#include "ExportOutcomeText.h"
#include "NodeText.h"
#include "ShapeChips.h"
#include "document/DocumentContext.h"
#include "spec/BoundText.h"

#include <QBrush>
#include <QFont>
#include <QMap>

namespace ds::itemmodels {

namespace {

// A name shared with the selected dimension: the same soft yellow everywhere.
const QColor kSharedNameColor(0xff, 0xe5, 0x80);

} // namespace

InputTreeModel::InputTreeModel(document::DocumentContext& context, QObject* parent)
    : QAbstractItemModel(parent), m_context(context) {
    // The reset brackets the document's own change: rows are dropped before
    // the old tree goes and rebuilt once the new one is there.
    connect(&context, &document::DocumentContext::inputsAboutToChange, this, [this] {
        beginResetModel();
        m_rows.clear();
    });
    connect(&context, &document::DocumentContext::inputsChanged, this, [this] {
        m_rows.build(m_context.hasInputs() ? &m_context.tree() : nullptr);
        endResetModel();
    });
    connect(&context, &document::DocumentContext::dimsChanged, this,
            [this](const QVector<spec::DimRef>& refs) { notifyDims(refs, {}); });
    connect(&context, &document::DocumentContext::comparisonChanged, this,
            [this](const QVector<spec::DimRef>& refs) {
                notifyDims(refs, {Qt::BackgroundRole, Qt::ToolTipRole, Roles::ShapeChipsRole,
                                  Roles::ComparisonStatusRole});
            });
    connect(&context, &document::DocumentContext::sharedNameChanged, this,
            &InputTreeModel::notifyNames);
    if (context.hasInputs())
        m_rows.build(&context.tree());
}

int InputTreeModel::idOf(const QModelIndex& index) const {
    return index.isValid() ? static_cast<int>(index.internalId()) : RowIndex::kRootId;
}

QModelIndex InputTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (m_rows.size() == 0 || row < 0 || column < 0 || column >= ColumnCount)
        return {};
    const RowIndex::Entry& p = m_rows.at(idOf(parent));
    if (row >= p.childCount)
        return {};
    return createIndex(row, column, static_cast<quintptr>(m_rows.childId(idOf(parent), row)));
}

QModelIndex InputTreeModel::parent(const QModelIndex& child) const {
    if (!child.isValid())
        return {};
    const int parentId = m_rows.at(idOf(child)).parent;
    if (parentId <= RowIndex::kRootId)
        return {};
    return createIndex(m_rows.at(parentId).row, 0, static_cast<quintptr>(parentId));
}

int InputTreeModel::rowCount(const QModelIndex& parent) const {
    if (m_rows.size() == 0 || parent.column() > 0)
        return 0;
    return m_rows.at(idOf(parent)).childCount;
}

int InputTreeModel::columnCount(const QModelIndex&) const {
    return ColumnCount;
}

QVariant InputTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole) {
        if (section == MinColumn)
            return tr("Lower bound of a dynamic dimension (Dim's min): the smallest size export "
                      "must accept. Double click a dimension's cell to set it.");
        if (section == MaxColumn)
            return tr("Upper bound of a dynamic dimension (Dim's max): the largest size export "
                      "must accept. Double click a dimension's cell to set it.");
        return {};
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case KindColumn:
        return tr("Kind / dtype");
    case ShapeColumn:
        return tr("Shape");
    case SpecColumn:
        return tr("Spec");
    case MinColumn: // not a value range: the bounds export is told
        return tr("Dim min");
    case MaxColumn:
        return tr("Dim max");
    case ExportColumn:
        return tr("Export");
    }
    return {};
}

QModelIndex InputTreeModel::tensorIndex(int tensor, int column) const {
    const int id = m_rows.tensorRowId(tensor);
    if (id < 0)
        return {};
    return createIndex(m_rows.at(id).row, column, static_cast<quintptr>(id));
}

QModelIndex InputTreeModel::dimIndex(spec::DimRef ref, int column) const {
    const int id = m_rows.tensorRowId(ref.tensor);
    if (id < 0 || ref.dim < 0 || ref.dim >= m_rows.at(id).childCount)
        return {};
    return createIndex(ref.dim, column, static_cast<quintptr>(m_rows.childId(id, ref.dim)));
}

spec::DimRef InputTreeModel::dimRefAt(const QModelIndex& index) const {
    if (!index.isValid() || index.model() != this)
        return {};
    const RowIndex::Entry& e = m_rows.at(idOf(index));
    return e.isDimension() ? spec::DimRef{e.node->tensorIndex, e.dim} : spec::DimRef{};
}

Qt::ItemFlags InputTreeModel::flags(const QModelIndex& index) const {
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    const spec::DimRef ref = dimRefAt(index);
    if (ref.tensor < 0)
        return f;
    const bool bounded = m_context.spec().dim(ref).takesBounds();
    switch (index.column()) {
    case NameColumn:
        return f | Qt::ItemIsUserCheckable;
    case SpecColumn:
        return f | Qt::ItemIsEditable;
    case MinColumn:
    case MaxColumn:
        return bounded ? f | Qt::ItemIsEditable : f;
    default:
        return f;
    }
}

QVariant InputTreeModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || m_rows.size() == 0)
        return {};
    const RowIndex::Entry& entry = m_rows.at(idOf(index));
    QVariant value = entry.isDimension() ? dimensionData(entry, index.column(), role)
                                         : nodeData(entry, index.column(), role);
    // A cell the column may cut shows its whole text on hover.
    if (role == Qt::ToolTipRole && value.isNull() && index.column() != ShapeColumn) {
        const QString text = data(index, Qt::DisplayRole).toString();
        if (text.size() > 12)
            value = text;
    }
    return value;
}

QVariant InputTreeModel::dimensionData(const RowIndex::Entry& entry, int column, int role) const {
    const spec::DimRef ref{entry.node->tensorIndex, entry.dim};
    const spec::DimSpec& spec = m_context.spec().dim(ref);
    const qint64 size = entry.node->tensor().shape[static_cast<size_t>(entry.dim)];
    const analysis::DimStatus status = m_context.statusOf(ref);
    const bool shared =
        !m_context.sharedName().isEmpty() &&
        (spec.kind == spec::DimSpec::Kind::Named || spec.kind == spec::DimSpec::Kind::Derived) &&
        spec.name == m_context.sharedName();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (column) {
        case NameColumn:
            return tr("dim %1").arg(entry.dim);
        case KindColumn:
            return spec.isDynamic() ? tr("dynamic") : tr("static");
        case ShapeColumn:
            return QString::number(size);
        case SpecColumn:
            if (role == Qt::EditRole)
                return spec.kind == spec::DimSpec::Kind::Named ? spec.name : QString();
            return spec.isDynamic() ? dimSpecText(spec) : QString();
        case MinColumn:
            return boundText(spec.min);
        case MaxColumn:
            return boundText(spec.max);
        case ExportColumn:
            if (const exported::DimOutcomeRow* outcome = m_context.exportOutcome(ref))
                return exportOutcomeText(*outcome);
            return {};
        }
        return {};
    case Qt::ForegroundRole:
        if (column == ExportColumn)
            if (const exported::DimOutcomeRow* outcome = m_context.exportOutcome(ref))
                if (const QColor color = exportOutcomeColor(outcome->status); color.isValid())
                    return QBrush(color);
        return {};
    case Qt::CheckStateRole:
        if (column == NameColumn)
            return spec.isDynamic() ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::BackgroundRole:
        if (shared)
            return QBrush(kSharedNameColor);
        if (status != analysis::DimStatus::Same)
            return QBrush(dimStatusTint(status));
        return {};
    case Qt::FontRole:
        if (shared) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ToolTipRole:
        if (column == ExportColumn)
            if (const exported::DimOutcomeRow* outcome = m_context.exportOutcome(ref))
                return exportOutcomeTooltip(*outcome);
        if ((column == MinColumn || column == MaxColumn) && spec.takesBounds()) {
            const std::optional<qint64> bound = column == MinColumn ? spec.min : spec.max;
            const QString which = column == MinColumn ? tr("lower") : tr("upper");
            return bound ? tr("The %1 bound export is told: %2 (double click to change; empty "
                              "removes it)")
                               .arg(which)
                               .arg(*bound)
                         : tr("No %1 bound (double click to set one)").arg(which);
        }
        if (status != analysis::DimStatus::Same) {
            const auto& cmp = m_context.comparison();
            for (const analysis::DimComparison& dc : cmp.dims)
                if (dc.ref == ref)
                    return tr("%1\nhere: %2\nreference: %3")
                        .arg(dimStatusPhrase(status), dc.here.displayText(),
                             dc.reference.displayText());
            return dimStatusPhrase(status);
        }
        return {};
    case Roles::RowKindRole:
        return static_cast<int>(Roles::RowKind::Dimension);
    case Roles::TensorIndexRole:
        return ref.tensor;
    case Roles::DimIndexRole:
        return ref.dim;
    case Roles::ComparisonStatusRole:
        return m_context.hasReference() ? static_cast<int>(status) : -1;
    case Roles::SharedNameRole:
        return shared;
    case Roles::PathRole:
        return entry.node->path();
    }
    return {};
}

QVariant InputTreeModel::nodeData(const RowIndex::Entry& entry, int column, int role) const {
    const spec::ExportNode& node = *entry.node;
    const bool isTensor = node.kind == spec::ExportNode::Kind::Tensor;
    const spec::ShapeSpec& spec = m_context.spec();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return nodeName(node);
        case KindColumn:
            return nodeKindText(node);
        case ShapeColumn:
            if (isTensor)
                return shapeText(node, spec);
            return node.isContainer() ? containerSummary(node, entry.tensorsBelow) : QString();
        case SpecColumn:
            return isTensor ? tensorSpecText(spec, node.tensorIndex) : QString();
        }
        return {};
    case Qt::ToolTipRole:
        // The whole class name, which the Kind column may cut.
        if (column == KindColumn && node.source && node.source->kind() == ValueKind::Object)
            return node.source->className();
        if (isTensor && column == ShapeColumn) {
            // The sizes too: chips of dynamic dimensions show names only.
            QStringList sizes;
            for (const qint64 size : node.tensor().shape)
                sizes << QString::number(size);
            return tr("Sizes: %1\nClick a dimension to switch it between static and dynamic; "
                      "double-click or F2 to edit it.")
                .arg(sizes.isEmpty() ? tr("scalar") : sizes.join(QStringLiteral(" \u00d7 ")));
        }
        return {};
    case Roles::ShapeChipsRole: {
        if (!isTensor)
            return {};
        ShapeChips chips;
        const auto& shape = node.tensor().shape;
        const QString sharedName = m_context.sharedName();
        const bool compared = m_context.hasReference();
        for (int d = 0; d < static_cast<int>(shape.size()); ++d) {
            const spec::DimRef ref{node.tensorIndex, d};
            const spec::DimSpec& s = spec.dim(ref);
            ShapeChip chip;
            chip.dynamic = s.isDynamic();
            chip.text =
                chip.dynamic ? s.displayText() : QString::number(shape[static_cast<size_t>(d)]);
            chip.sharedName = chip.dynamic && !sharedName.isEmpty() && s.name == sharedName;
            chip.comparisonStatus = compared ? static_cast<int>(m_context.statusOf(ref)) : -1;
            if (const exported::DimOutcomeRow* outcome = m_context.exportOutcome(ref))
                chip.exportColor = exportOutcomeColor(outcome->status);
            chips.chips.push_back(chip);
        }
        return QVariant::fromValue(chips);
    }
    case Roles::ShapeSizesRole: {
        if (!isTensor)
            return {};
        QList<qint64> sizes(node.tensor().shape.begin(), node.tensor().shape.end());
        return QVariant::fromValue(sizes);
    }
    case Roles::DimNamesRole: {
        if (!isTensor)
            return {};
        QStringList names;
        for (int d = 0; d < spec.rank(node.tensorIndex); ++d)
            if (spec.dim(node.tensorIndex, d).isDynamic())
                names << spec.dim(node.tensorIndex, d).name;
        return names;
    }
    case Roles::RowKindRole:
        return static_cast<int>(isTensor             ? Roles::RowKind::Tensor
                                : node.isContainer() ? Roles::RowKind::Container
                                                     : Roles::RowKind::Leaf);
    case Roles::TensorIndexRole:
        return isTensor ? node.tensorIndex : -1;
    case Roles::DimIndexRole:
        return -1;
    case Roles::PathRole:
        return node.path();
    }
    return {};
}

bool InputTreeModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    const spec::DimRef ref = dimRefAt(index);
    if (ref.tensor < 0)
        return false;
    return setDimensionData(ref, index.column(), value, role);
}

bool InputTreeModel::setDimensionData(spec::DimRef ref, int column, const QVariant& value,
                                      int role) {
    if (role == Qt::CheckStateRole && column == NameColumn) {
        m_context.toggleDim(ref, value.toInt() == Qt::Checked);
        return true;
    }
    if (role == Roles::ChipToggleRole && column == NameColumn) {
        m_context.toggleDim(ref, value.toInt() == Qt::Checked,
                            QStringLiteral("chip:%1:%2").arg(ref.tensor).arg(ref.dim));
        return true;
    }
    if (role != Qt::EditRole)
        return false;
    const spec::DimSpec& current = m_context.spec().dim(ref);
    if (column == SpecColumn) {
        const QString name = value.toString().trimmed();
        // An empty name or "static" is how a typed edit makes a dim static.
        if (name.isEmpty() || name == QLatin1String("static")) {
            m_context.toggleDim(ref, false);
            return true;
        }
        return m_context.renameDim(ref, name, document::RenameScope::ThisDimension);
    }
    if ((column == MinColumn || column == MaxColumn) &&
        (flags(dimIndex(ref, column)) & Qt::ItemIsEditable)) {
        spec::DimSpec decision = current;
        std::optional<qint64>& bound = column == MinColumn ? decision.min : decision.max;
        if (!spec::parseBoundText(value.toString(), bound)) {
            emit editRefused(dimIndex(ref, column),
                             tr("'%1' is not a whole number: the bound is unchanged.")
                                 .arg(value.toString().trimmed()));
            return false;
        }
        // The same rules as the dimension editor: order, the example's size.
        const QString problem = document::decisionProblem(m_context.tree(), m_context.spec(), {ref},
                                                          decision, m_context.namedLookup());
        if (!problem.isEmpty()) {
            emit editRefused(dimIndex(ref, column), problem);
            return false;
        }
        if (current.kind == spec::DimSpec::Kind::Named)
            m_context.setBounds(ref, decision.min, decision.max);
        else
            (void)m_context.decideDims({ref}, decision);
        return true;
    }
    return false;
}

void InputTreeModel::notifyDims(const QVector<spec::DimRef>& refs, const QList<int>& roles) {
    if (m_rows.size() == 0 || refs.isEmpty())
        return;
    // One signal per tensor row and one per run of its dimension rows.
    QMap<int, std::pair<int, int>> dimRange; // tensor -> first, last dim
    for (const spec::DimRef& ref : refs) {
        auto it = dimRange.find(ref.tensor);
        if (it == dimRange.end())
            dimRange.insert(ref.tensor, {ref.dim, ref.dim});
        else
            *it = {std::min(it->first, ref.dim), std::max(it->second, ref.dim)};
    }
    for (auto it = dimRange.cbegin(); it != dimRange.cend(); ++it) {
        const QModelIndex tensor = tensorIndex(it.key(), ShapeColumn);
        if (!tensor.isValid())
            continue;
        emit dataChanged(tensor, tensor.siblingAtColumn(SpecColumn), roles);
        emit dataChanged(dimIndex({it.key(), it->first}, NameColumn),
                         dimIndex({it.key(), it->second}, ColumnCount - 1), roles);
    }
}

void InputTreeModel::notifyNames(const QString& previous, const QString& current) {
    QVector<spec::DimRef> refs;
    for (const QString& name : {previous, current})
        if (!name.isEmpty())
            for (const spec::DimRef& ref : m_context.dimsNamed(name))
                refs.push_back(ref);
    notifyDims(refs,
               {Qt::BackgroundRole, Qt::FontRole, Roles::ShapeChipsRole, Roles::SharedNameRole});
}

} // namespace ds::itemmodels
