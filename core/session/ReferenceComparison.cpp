#include "ReferenceComparison.h"

namespace ds::session {

analysis::DimStatus ReferenceComparison::statusOf(spec::DimRef ref) const {
    return isSet() ? m_comparison.statusOf(ref) : analysis::DimStatus::Same;
}

void ReferenceComparison::set(const spec::ExportTree* tree, SpecSourceText text) {
    m_text = std::move(text);
    m_aligned = spec::AlignedSpec();
    m_statusesValid = false;
    if (tree)
        realign(*tree);
}

void ReferenceComparison::realign(const spec::ExportTree& tree) {
    if (!m_text)
        return;
    m_aligned = alignInEditingLayout(tree, m_text->text);
    m_comparison = analysis::SpecComparison(); // it was about the old inputs
    m_statusesValid = false;
}

void ReferenceComparison::clear() {
    m_text.reset();
    m_aligned = spec::AlignedSpec();
    m_comparison = analysis::SpecComparison();
    m_statusesValid = false;
}

QVector<spec::DimRef> ReferenceComparison::recompute(const spec::ExportTree& tree,
                                                     const spec::ShapeSpec& here) {
    return adopt(
        m_text ? analysis::compareSpecs(tree, here, m_aligned) : analysis::SpecComparison(), here);
}

QVector<spec::DimRef> ReferenceComparison::adopt(analysis::SpecComparison comparison,
                                                 const spec::ShapeSpec& here) {
    m_comparison = m_text ? std::move(comparison) : analysis::SpecComparison();
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

} // namespace ds::session
