#pragma once

#include "analysis/SpecComparison.h"

#include <QVector>

#include <vector>

namespace ds::document {

// The latest comparison of the document's spec with its reference, and each
// dimension's status in it, kept so that a new comparison tells which
// dimensions need repainting. One small, testable thing apart from the
// document.
class ComparisonStatuses {
public:
    const analysis::SpecComparison& comparison() const { return m_comparison; }
    // Same when there is no comparison or the ref is unknown.
    analysis::DimStatus statusOf(spec::DimRef ref) const;

    // Takes a new comparison of `here` (an empty one when there is no
    // reference); returns the dims whose status changed (every dim the first
    // time after reset()).
    QVector<spec::DimRef> adopt(analysis::SpecComparison comparison, const spec::ShapeSpec& here);
    // Forgets the statuses: the next adopt() reports every dim.
    void reset();

private:
    analysis::SpecComparison m_comparison;
    std::vector<qint8> m_statuses; // flat, in flattening order
    bool m_statusesValid = false;
};

} // namespace ds::document
