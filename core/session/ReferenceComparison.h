#pragma once

#include "ReferenceAlignment.h"
#include "analysis/SpecComparison.h"

#include <QVector>

#include <optional>
#include <vector>

namespace ds::session {

// The reference spec of a document and its comparison with the current spec.
// Kept apart from the document so that recomputing and diffing the statuses
// (which dims need repainting) is one small, testable thing.
class ReferenceComparison {
public:
    bool isSet() const { return m_text.has_value(); }
    const SpecSourceText& source() const { return *m_text; }
    const spec::AlignedSpec& aligned() const { return m_aligned; }
    const analysis::SpecComparison& comparison() const { return m_comparison; }
    analysis::DimStatus statusOf(spec::DimRef ref) const;

    // Aligns `text` with the tree (later, by realign, when there are no inputs
    // yet); call recompute() afterwards.
    void set(const spec::ExportTree* tree, SpecSourceText text);
    // Re-aligns the same reference with new inputs.
    void realign(const spec::ExportTree& tree);
    void clear();
    // Compares again; returns the dims whose status changed (all dims the
    // first time after set/realign/clear).
    QVector<spec::DimRef> recompute(const spec::ExportTree& tree, const spec::ShapeSpec& here);
    // The same with a comparison made elsewhere (on a worker thread) for `here`.
    QVector<spec::DimRef> adopt(analysis::SpecComparison comparison, const spec::ShapeSpec& here);

private:
    std::optional<SpecSourceText> m_text;
    spec::AlignedSpec m_aligned;
    analysis::SpecComparison m_comparison;
    std::vector<qint8> m_statuses; // flat, in flattening order; empty = all Same/unknown
    bool m_statusesValid = false;
};

} // namespace ds::session
