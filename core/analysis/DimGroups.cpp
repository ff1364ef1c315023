#include "DimGroups.h"

#include <algorithm>

namespace ds::analysis {

DimGroups::DimGroups(const spec::ShapeSpec& spec, const std::vector<spec::DimRef>& dims) {
    std::vector<spec::DimRef> sorted = dims;
    std::sort(sorted.begin(), sorted.end());
    for (const spec::DimRef& ref : sorted) {
        const QString key = keyOf(spec.dim(ref), ref);
        m_members[key].push_back(ref);
        m_keys.emplace_back(ref, key);
    }
}

QString DimGroups::keyOf(const spec::DimSpec& spec, spec::DimRef ref) {
    if (spec.kind == spec::DimSpec::Kind::Named || spec.kind == spec::DimSpec::Kind::Derived)
        return QStringLiteral("name:") + spec.name;
    return QStringLiteral("alone:%1.%2").arg(ref.tensor).arg(ref.dim);
}

const std::vector<spec::DimRef>& DimGroups::groupOf(spec::DimRef ref) const {
    const auto it =
        std::lower_bound(m_keys.begin(), m_keys.end(), ref,
                         [](const auto& entry, spec::DimRef r) { return entry.first < r; });
    if (it == m_keys.end() || it->first != ref)
        return m_empty;
    const auto found = m_members.constFind(it->second);
    return found == m_members.cend() ? m_empty : *found;
}

} // namespace ds::analysis
