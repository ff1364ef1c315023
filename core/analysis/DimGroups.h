#pragma once

#include "spec/ShapeSpec.h"

#include <QHash>

namespace ds::analysis {

// The partition of some dimensions into the groups a spec's names make: dims
// named 'batch' (or derived from it) form one group; a hint (Dim.AUTO, ...)
// names nothing and stands alone. Comparing partitions instead of names is
// what makes renaming 'd_0_0' to 'batch' everywhere no difference at all.
class DimGroups {
public:
    DimGroups() = default;
    DimGroups(const spec::ShapeSpec& spec, const std::vector<spec::DimRef>& dims);

    // The members of ref's group among `dims`, in DimRef order; empty when
    // ref is not one of `dims`.
    const std::vector<spec::DimRef>& groupOf(spec::DimRef ref) const;

private:
    static QString keyOf(const spec::DimSpec& spec, spec::DimRef ref);

    QHash<QString, std::vector<spec::DimRef>> m_members;
    std::vector<std::pair<spec::DimRef, QString>> m_keys; // sorted by DimRef
    std::vector<spec::DimRef> m_empty;
};

} // namespace ds::analysis
