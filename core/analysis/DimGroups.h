#pragma once

#include "spec/ShapeSpec.h"

#include <QHash>

namespace ds {

// The partition of some dimensions into the groups a spec's names make: dims
// named 'batch' (or derived from it) form one group; a hint (Dim.AUTO, ...)
// names nothing and stands alone. Comparing partitions instead of names is
// what makes renaming 'd_0_0' to 'batch' everywhere no difference at all.
class DimGroups {
public:
    DimGroups() = default;
    DimGroups(const ShapeSpec& spec, const std::vector<DimRef>& dims);

    // The members of ref's group among `dims`, in DimRef order; empty when
    // ref is not one of `dims`.
    const std::vector<DimRef>& groupOf(DimRef ref) const;

private:
    static QString keyOf(const DimSpec& spec, DimRef ref);

    QHash<QString, std::vector<DimRef>> m_members;
    std::vector<std::pair<DimRef, QString>> m_keys; // sorted by DimRef
    std::vector<DimRef> m_empty;
};

} // namespace ds
