#pragma once

#include <Qt>

// Custom data roles of the DimStudio item models, in one place so that
// delegates, proxies, panels and tests agree on them.
namespace ds::itemmodels::Roles {

enum Role : int {
    RowKindRole = Qt::UserRole + 1, // RowKind as int
    TensorIndexRole,                // int: tensor in flattening order, -1 for other rows
    DimIndexRole,                   // int: dimension of that tensor, -1 for other rows
    ShapeChipsRole,                 // ShapeChips: tensor rows, shape column
    ShapeSizesRole,                 // QList<qint64>: tensor rows
    DimNamesRole,                   // QStringList: names of a tensor's dynamic dims
    ComparisonStatusRole,           // int DimStatus, -1 without a reference (dim rows)
    SharedNameRole,                 // bool: the dim carries the selected dim's name
    PathRole,                       // QString: dot path in the export structure
    // setData on a dim row's name column: a chip click's toggle (Qt::Checked
    // or not). A second one on the same dim soon after (a double click's
    // first click taken back) merges with it into no undo step at all.
    ChipToggleRole,
};

enum class RowKind { Container, Tensor, Leaf, Dimension };

} // namespace ds::itemmodels::Roles
