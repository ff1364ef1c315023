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
};

enum class RowKind { Container, Tensor, Leaf, Dimension };

} // namespace ds::itemmodels::Roles
