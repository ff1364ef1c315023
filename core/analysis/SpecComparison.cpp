#include "SpecComparison.h"

#include "DimGroups.h"
#include "DimSpecText.h"

#include <algorithm>
#include <iterator>
#include <limits>

namespace ds::analysis {

namespace {

// torch.export's defaults: a Dim without min starts at 0, without max is unbounded.
qint64 effectiveMin(const spec::DimSpec& s) {
    return s.min.value_or(0);
}
qint64 effectiveMax(const spec::DimSpec& s) {
    return s.max.value_or(std::numeric_limits<qint64>::max());
}

QString boundsText(const spec::DimSpec& s) {
    const QString max = s.max ? QString::number(*s.max) : QStringLiteral("unbounded");
    return QStringLiteral("min %1, max %2").arg(effectiveMin(s)).arg(max);
}

QString groupName(const spec::DimSpec& s) {
    return s.kind == spec::DimSpec::Kind::Named || s.kind == spec::DimSpec::Kind::Derived
               ? text::pythonStringRepr(s.name)
               : dimSpecLabel(s);
}

// Why the derivations differ, or empty: 2*x + 1 here and y there is a
// different relation to the other dimensions even when the groups agree.
QString derivationDifference(const spec::DimSpec& here, const spec::DimSpec& reference) {
    const bool hereDerived = here.kind == spec::DimSpec::Kind::Derived;
    const bool refDerived = reference.kind == spec::DimSpec::Kind::Derived;
    if (!hereDerived && !refDerived)
        return QString();
    if (hereDerived && refDerived && here.mul == reference.mul && here.add == reference.add)
        return QString();
    return QStringLiteral("derived differently: %1 here, %2 in the reference")
        .arg(dimSpecLabel(here), dimSpecLabel(reference));
}

class Comparer {
public:
    Comparer(const spec::ExportTree& tree, const spec::ShapeSpec& here,
             const spec::AlignedSpec& reference)
        : m_tree(tree), m_here(here), m_reference(reference) {}

    SpecComparison run() {
        SpecComparison result;
        std::vector<spec::DimRef> bothDynamic;
        for (int t = 0; t < m_tree.tensorCount(); ++t)
            for (int d = 0; d < m_tree.tensorNode(t)->tensor().rank(); ++d) {
                const spec::DimRef ref{t, d};
                if (isCompared(ref) && hereDim(ref).isDynamic() && refDim(ref).isDynamic())
                    bothDynamic.push_back(ref);
            }
        // Grouping compares partitions of the dimensions dynamic on both
        // sides: a dimension static on one side is already reported as
        // only_here/only_reference and must not also disturb its name-mates.
        m_hereGroups = DimGroups(m_here, bothDynamic);
        m_refGroups = DimGroups(m_reference.spec, bothDynamic);

        for (int t = 0; t < m_tree.tensorCount(); ++t)
            for (int d = 0; d < m_tree.tensorNode(t)->tensor().rank(); ++d)
                result.dims.push_back(compareDim({t, d}));
        result.structure = m_reference.issues;
        for (const DimComparison& c : result.dims)
            if (c.aligned)
                count(result.summary, c.status);
        result.summary.structure = static_cast<int>(result.structure.size());
        return result;
    }

private:
    bool isCompared(spec::DimRef ref) const {
        return m_here.contains(ref) && m_reference.spec.contains(ref) && m_reference.isAligned(ref);
    }
    const spec::DimSpec& hereDim(spec::DimRef ref) const { return m_here.dim(ref); }
    const spec::DimSpec& refDim(spec::DimRef ref) const { return m_reference.spec.dim(ref); }

    DimComparison compareDim(spec::DimRef ref) const {
        DimComparison c;
        c.ref = ref;
        c.path = m_tree.tensorNode(ref.tensor)->path();
        if (m_here.contains(ref))
            c.here = hereDim(ref);
        if (m_reference.spec.contains(ref))
            c.reference = refDim(ref);
        c.aligned = isCompared(ref);
        if (!c.aligned)
            return c;
        const bool hereDynamic = c.here.isDynamic();
        const bool refDynamic = c.reference.isDynamic();
        if (hereDynamic != refDynamic) {
            c.status = hereDynamic ? DimStatus::OnlyHere : DimStatus::OnlyReference;
            return c;
        }
        if (!hereDynamic)
            return c;
        if (const QString why = groupingDifference(ref, c.here, c.reference); !why.isEmpty()) {
            c.status = DimStatus::Grouping;
            c.detail = why;
            return c;
        }
        if (effectiveMin(c.here) != effectiveMin(c.reference) ||
            effectiveMax(c.here) != effectiveMax(c.reference)) {
            c.status = DimStatus::Bounds;
            c.detail = QStringLiteral("here %1; in the reference %2")
                           .arg(boundsText(c.here), boundsText(c.reference));
        }
        return c;
    }

    QString groupingDifference(spec::DimRef ref, const spec::DimSpec& here,
                               const spec::DimSpec& reference) const {
        const std::vector<spec::DimRef>& mine = m_hereGroups.groupOf(ref);
        const std::vector<spec::DimRef>& theirs = m_refGroups.groupOf(ref);
        QStringList reasons;
        if (mine != theirs) {
            const std::vector<spec::DimRef> onlyMine = difference(mine, theirs);
            const std::vector<spec::DimRef> onlyTheirs = difference(theirs, mine);
            if (!onlyMine.empty())
                reasons << QStringLiteral("here %1 also covers %2")
                               .arg(groupName(here), places(onlyMine));
            if (!onlyTheirs.empty())
                reasons << QStringLiteral("in the reference %1 also covers %2")
                               .arg(groupName(reference), places(onlyTheirs));
        }
        if (const QString derived = derivationDifference(here, reference); !derived.isEmpty())
            reasons << derived;
        return reasons.join(QStringLiteral("; "));
    }

    static std::vector<spec::DimRef> difference(const std::vector<spec::DimRef>& a,
                                                const std::vector<spec::DimRef>& b) {
        std::vector<spec::DimRef> out;
        std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
        return out;
    }

    QString places(const std::vector<spec::DimRef>& refs) const {
        constexpr size_t kShown = 4;
        QStringList parts;
        for (size_t i = 0; i < refs.size() && i < kShown; ++i)
            parts << dimPlace(m_tree, refs[i]);
        QString text = parts.join(QStringLiteral(", "));
        if (refs.size() > kShown)
            text += QStringLiteral(" and %1 more").arg(refs.size() - kShown);
        return text;
    }

    static void count(ComparisonSummary& s, DimStatus status) {
        switch (status) {
        case DimStatus::Same:
            ++s.same;
            break;
        case DimStatus::OnlyHere:
            ++s.onlyHere;
            break;
        case DimStatus::OnlyReference:
            ++s.onlyReference;
            break;
        case DimStatus::Grouping:
            ++s.grouping;
            break;
        case DimStatus::Bounds:
            ++s.bounds;
            break;
        }
    }

    const spec::ExportTree& m_tree;
    const spec::ShapeSpec& m_here;
    const spec::AlignedSpec& m_reference;
    DimGroups m_hereGroups;
    DimGroups m_refGroups;
};

} // namespace

QString dimStatusName(DimStatus s) {
    switch (s) {
    case DimStatus::Same:
        return QStringLiteral("same");
    case DimStatus::OnlyHere:
        return QStringLiteral("only_here");
    case DimStatus::OnlyReference:
        return QStringLiteral("only_reference");
    case DimStatus::Grouping:
        return QStringLiteral("grouping");
    case DimStatus::Bounds:
        return QStringLiteral("bounds");
    }
    return QString();
}

DimStatus SpecComparison::statusOf(spec::DimRef ref) const {
    // dims are in flattening order, which is DimRef order.
    const auto it =
        std::lower_bound(dims.begin(), dims.end(), ref,
                         [](const DimComparison& c, spec::DimRef r) { return c.ref < r; });
    return it != dims.end() && it->ref == ref ? it->status : DimStatus::Same;
}

SpecComparison compareSpecs(const spec::ExportTree& tree, const spec::ShapeSpec& here,
                            const spec::AlignedSpec& reference) {
    return Comparer(tree, here, reference).run();
}

spec::ShapeSpec adoptReference(const spec::ShapeSpec& here, const SpecComparison& comparison) {
    spec::ShapeSpec adopted = here;
    for (const DimComparison& c : comparison.dims)
        if (c.aligned)
            adopted.setDim(c.ref, c.reference);
    return adopted;
}

} // namespace ds::analysis
