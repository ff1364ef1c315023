#include "ReferenceComparison.h"

namespace ds {

DimStatus ReferenceComparison::statusOf(DimRef ref) const {
    return isSet() ? m_comparison.statusOf(ref) : DimStatus::Same;
}

void ReferenceComparison::set(const ExportTree* tree, SpecSourceText text) {
    m_text = std::move(text);
    m_aligned = AlignedSpec();
    m_statusesValid = false;
    if (tree)
        realign(*tree);
}

void ReferenceComparison::realign(const ExportTree& tree) {
    if (!m_text)
        return;
    m_aligned = alignInEditingLayout(tree, m_text->text);
    m_comparison = SpecComparison(); // it was about the old inputs
    m_statusesValid = false;
}

void ReferenceComparison::clear() {
    m_text.reset();
    m_aligned = AlignedSpec();
    m_comparison = SpecComparison();
    m_statusesValid = false;
}

QVector<DimRef> ReferenceComparison::recompute(const ExportTree& tree, const ShapeSpec& here) {
    return adopt(m_text ? compareSpecs(tree, here, m_aligned) : SpecComparison(), here);
}

QVector<DimRef> ReferenceComparison::adopt(SpecComparison comparison, const ShapeSpec& here) {
    m_comparison = m_text ? std::move(comparison) : SpecComparison();
    std::vector<qint8> statuses;
    QVector<DimRef> refs;
    for (int t = 0; t < here.tensorCount(); ++t)
        for (int d = 0; d < here.rank(t); ++d)
            refs.push_back({t, d});
    statuses.reserve(static_cast<size_t>(refs.size()));
    for (const DimRef& ref : refs)
        statuses.push_back(static_cast<qint8>(statusOf(ref)));

    QVector<DimRef> changed;
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

} // namespace ds
