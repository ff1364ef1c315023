#include "DimGroups.h"

#include <algorithm>

namespace ds {

DimGroups::DimGroups(const ShapeSpec& spec, const std::vector<DimRef>& dims) {
    std::vector<DimRef> sorted = dims;
    std::sort(sorted.begin(), sorted.end());
    for (const DimRef& ref : sorted) {
        const QString key = keyOf(spec.dim(ref), ref);
        m_members[key].push_back(ref);
        m_keys.emplace_back(ref, key);
    }
}

QString DimGroups::keyOf(const DimSpec& spec, DimRef ref) {
    if (spec.kind == DimSpec::Kind::Named || spec.kind == DimSpec::Kind::Derived)
        return QStringLiteral("name:") + spec.name;
    return QStringLiteral("alone:%1.%2").arg(ref.tensor).arg(ref.dim);
}

const std::vector<DimRef>& DimGroups::groupOf(DimRef ref) const {
    const auto it = std::lower_bound(m_keys.begin(), m_keys.end(), ref,
                                     [](const auto& entry, DimRef r) { return entry.first < r; });
    if (it == m_keys.end() || it->first != ref)
        return m_empty;
    const auto found = m_members.constFind(it->second);
    return found == m_members.cend() ? m_empty : *found;
}

} // namespace ds
