#include "ApplyVerdict.h"

#include <QHash>
#include <QSet>

namespace ds::verdict {

namespace {

using spec::DimSpec;

QString describeFix(const SuggestedFix& fix) {
    return fix.line.isEmpty() ? fix.name : fix.line;
}

// What a fixed name becomes, given the fixes and the spec's own dims:
// `rootOf` answers the spec a base name stands for (its fix, else its dims).
class FixedNames {
public:
    FixedNames(const spec::ShapeSpec& spec, const TorchVerdict& verdict) : m_spec(spec) {
        for (const SuggestedFix& fix : verdict.fixes)
            m_fixes.insert(fix.name, fix); // a later line wins, as in torch's dict
        for (const QString& name : spec.names())
            m_names.insert(name);
    }

    const SuggestedFix* fixFor(const QString& name) const {
        const auto it = m_fixes.constFind(name);
        return it == m_fixes.constEnd() ? nullptr : &*it;
    }
    bool isName(const QString& name) const { return m_names.contains(name); }
    bool isRoot(const QString& name) const {
        for (const SuggestedFix& fix : m_fixes)
            if ((fix.kind == SuggestedFix::Kind::Equal ||
                 fix.kind == SuggestedFix::Kind::Derived) &&
                fix.base == name)
                return true;
        return false;
    }
    const QHash<QString, SuggestedFix>& fixes() const { return m_fixes; }

    // The decision for `mul * base + add`, with base as fixed or as it stands.
    std::optional<DimSpec> tied(const QString& base, qint64 mul, qint64 add) const {
        if (const SuggestedFix* root = fixFor(base)) {
            switch (root->kind) {
            case SuggestedFix::Kind::Bounds:
                return make(base, root->min, root->max, mul, add);
            case SuggestedFix::Kind::Constant:
                return staticOf(mul * root->constant + add);
            case SuggestedFix::Kind::Equal:
            case SuggestedFix::Kind::Derived:
                return std::nullopt; // chains of relations: torch never suggests them
            }
        }
        for (int t = 0; t < m_spec.tensorCount(); ++t)
            for (const DimSpec& s : m_spec.tensorDims(t))
                if (s.kind == DimSpec::Kind::Named && s.name == base)
                    return make(base, s.min, s.max, mul, add);
        return make(base, std::nullopt, std::nullopt, mul, add);
    }

    static DimSpec staticOf(qint64 value) {
        DimSpec s;
        s.fixedValue = value;
        return s;
    }

private:
    static DimSpec make(const QString& base, std::optional<qint64> min, std::optional<qint64> max,
                        qint64 mul, qint64 add) {
        if (mul == 1 && add == 0)
            return DimSpec::named(base, min, max);
        DimSpec d = DimSpec::derived(base, mul, add);
        // A derived dimension keeps its root's range, for the root's Dim.
        d.min = min;
        d.max = max;
        return d;
    }

    const spec::ShapeSpec& m_spec;
    QHash<QString, SuggestedFix> m_fixes;
    QSet<QString> m_names;
};

} // namespace

spec::DimRef dimOfSource(const spec::ExportTree& tree, const QString& source) {
    auto ref = parseSource(source);
    if (!ref || ref->dim < 0)
        return {};
    const spec::ExportNode* node = tree.findPytreePath(ref->path, ref->isIndex);
    // torch before 2.8 names sources from (args, kwargs): L['args'][1]['x']
    // is keyword x, L['args'][0][2] the third positional input.
    if (!node && ref->path.size() >= 3 && ref->path[0] == QLatin1String("args") &&
        ref->isIndex[1] &&
        (ref->path[1] == QLatin1String("0") || ref->path[1] == QLatin1String("1"))) {
        ref->path.erase(ref->path.begin(), ref->path.begin() + 2);
        ref->isIndex.erase(ref->isIndex.begin(), ref->isIndex.begin() + 2);
        node = tree.findPytreePath(ref->path, ref->isIndex);
    }
    if (!node || node->kind != spec::ExportNode::Kind::Tensor || ref->dim >= node->tensor().rank())
        return {};
    return {node->tensorIndex, ref->dim};
}

VerdictOutcome applyVerdict(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
                            const TorchVerdict& verdict) {
    VerdictOutcome out;
    out.spec = spec;
    const FixedNames names(spec, verdict);
    for (const QString& line : verdict.unparsed)
        out.unmapped << QStringLiteral("%1: not a fix DimStudio can read").arg(line);
    for (const SuggestedFix& fix : verdict.fixes)
        if (!names.isName(fix.name) && !names.isRoot(fix.name))
            out.unmapped
                << QStringLiteral("%1: no dimension is named %2").arg(describeFix(fix), fix.name);

    auto change = [&](spec::DimRef ref, const DimSpec& after, const QString& reason) {
        const DimSpec& before = out.spec.dim(ref);
        if (before == after)
            return;
        out.changes.push_back({ref, before, after, reason});
    };
    for (int t = 0; t < spec.tensorCount(); ++t) {
        for (int d = 0; d < spec.rank(t); ++d) {
            const spec::DimRef ref{t, d};
            const DimSpec& s = spec.dim(ref);
            if (s.kind == DimSpec::Kind::Named) {
                const SuggestedFix* fix = names.fixFor(s.name);
                if (!fix)
                    continue;
                std::optional<DimSpec> after;
                switch (fix->kind) {
                case SuggestedFix::Kind::Bounds:
                    after = DimSpec::named(s.name, fix->min, fix->max);
                    break;
                case SuggestedFix::Kind::Constant:
                    after = FixedNames::staticOf(fix->constant);
                    break;
                case SuggestedFix::Kind::Equal:
                case SuggestedFix::Kind::Derived:
                    after = names.tied(fix->base, fix->mul, fix->add);
                    break;
                }
                if (after)
                    change(ref, *after, describeFix(*fix));
            } else if (s.kind == DimSpec::Kind::Derived) {
                const SuggestedFix* fix = names.fixFor(s.name);
                if (!fix)
                    continue;
                // The root changed: the derived dimension follows it.
                std::optional<DimSpec> after;
                switch (fix->kind) {
                case SuggestedFix::Kind::Bounds:
                    after = names.tied(s.name, s.mul, s.add);
                    break;
                case SuggestedFix::Kind::Constant:
                    after = FixedNames::staticOf(s.mul * fix->constant + s.add);
                    break;
                case SuggestedFix::Kind::Equal:
                case SuggestedFix::Kind::Derived:
                    after = names.tied(fix->base, s.mul * fix->mul, s.mul * fix->add + s.add);
                    break;
                }
                if (after)
                    change(ref, *after, describeFix(*fix));
            }
        }
    }
    for (const VerdictChange& c : out.changes)
        out.spec.setDim(c.ref, c.after);

    // Without suggested fixes (hints), what torch specialised, by its source.
    if (verdict.fixes.empty()) {
        for (const Violation& v : verdict.violations) {
            if (v.kind != Violation::Kind::Specialized || !v.constant)
                continue;
            bool mapped = false;
            for (const QString& source : v.sources) {
                const spec::DimRef ref = dimOfSource(tree, source);
                if (ref.tensor < 0)
                    continue;
                mapped = true;
                const DimSpec before = out.spec.dim(ref);
                const DimSpec after = FixedNames::staticOf(*v.constant);
                if (before != after) {
                    // Its first sentence: torch's advice on mark_dynamic follows.
                    out.changes.push_back(
                        {ref, before, after, v.text.section(QStringLiteral(". "), 0, 0)});
                    out.spec.setDim(ref, after);
                }
            }
            if (!mapped)
                out.unmapped << QStringLiteral("%1: names no dimension of the inputs").arg(v.text);
        }
    }
    return out;
}

} // namespace ds::verdict
