#pragma once

#include <QColor>
#include <QList>
#include <QMetaType>
#include <QString>

namespace ds::itemmodels {

// What the shape column draws for one tensor: one chip per dimension. The
// model fills it, the chip delegate paints and hit-tests it.
struct ShapeChip {
    QString text; // the size, or the dimension's name when dynamic
    bool dynamic = false;
    bool sharedName = false;   // carries the name of the selected dimension
    int comparisonStatus = -1; // DimStatus, -1 without a reference
    // What export did not keep as asked (specialized, merged, range, extra),
    // after a verify or with an exported program open; invalid otherwise.
    QColor exportColor;
};

struct ShapeChips {
    QList<ShapeChip> chips;
};

} // namespace ds::itemmodels

Q_DECLARE_METATYPE(ds::itemmodels::ShapeChips)
