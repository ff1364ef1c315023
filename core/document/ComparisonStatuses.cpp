#include "ComparisonStatuses.h"

namespace ds::document {

analysis::DimStatus ComparisonStatuses::statusOf(spec::DimRef ref) const {
    return m_comparison.statusOf(ref);
}

void ComparisonStatuses::reset() {
    m_comparison = analysis::SpecComparison();
    m_statusesValid = false;
}

QVector<spec::DimRef> ComparisonStatuses::adopt(analysis::SpecComparison comparison,
                                                const spec::ShapeSpec& here) {
    m_comparison = std::move(comparison);
    std::vector<qint8> statuses;
    QVector<spec::DimRef> refs;
    for (int t = 0; t < here.tensorCount(); ++t)
        for (int d = 0; d < here.rank(t); ++d)
            refs.push_back({t, d});
    statuses.reserve(static_cast<size_t>(refs.size()));
    for (const spec::DimRef& ref : refs)
        statuses.push_back(static_cast<qint8>(statusOf(ref)));

    QVector<spec::DimRef> changed;
    if (!m_statusesValid || statuses.size() != m_statuses.size()) {
        changed = refs;
    } else {
        for (size_t i = 0; i < statuses.size(); ++i)
            if (statuses[i] != m_statuses[i])
                changed.push_back(refs[static_cast<qsizetype>(i)]);
    }
    m_statuses = std::move(statuses);
    m_statusesValid = true;
    return changed;
}

} // namespace ds::document
