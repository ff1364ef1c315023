#include "DimEdits.h"

#include <algorithm>

namespace ds::document {

namespace {

bool carriesName(const spec::DimSpec& s) {
    return s.kind == spec::DimSpec::Kind::Named || s.kind == spec::DimSpec::Kind::Derived;
}

void addChange(DimChanges& changes, const spec::ShapeSpec& spec, spec::DimRef ref,
               const spec::DimSpec& after) {
    if (spec.contains(ref) && spec.dim(ref) != after)
        changes.push_back({ref, spec.dim(ref), after});
}

} // namespace

std::optional<spec::DimSpec> existingNamed(const spec::ShapeSpec& spec, const QString& name,
                                           const DimsNamed& named,
                                           const std::vector<spec::DimRef>& except) {
    for (const spec::DimRef& ref : named(name)) {
        if (std::find(except.begin(), except.end(), ref) != except.end())
            continue;
        if (spec.dim(ref).kind == spec::DimSpec::Kind::Named)
            return spec.dim(ref);
    }
    return std::nullopt;
}

std::vector<spec::DimRef> renameTargets(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
                                        spec::DimRef ref, RenameScope scope,
                                        const DimsNamed& named) {
    if (!spec.contains(ref))
        return {};
    switch (scope) {
    case RenameScope::ThisDimension:
        return {ref};
    case RenameScope::SameName: {
        const spec::DimSpec& current = spec.dim(ref);
        if (!carriesName(current))
            return {ref};
        return named(current.name);
    }
    case RenameScope::SameSizeAtPosition: {
        const auto& shape = tree.tensorNode(ref.tensor)->tensor().shape;
        return spec::ShapeSpec::dimsWithSizeAt(tree, ref.dim, shape[static_cast<size_t>(ref.dim)]);
    }
    }
    return {ref};
}

DimChanges renameChanges(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
                         spec::DimRef ref, const QString& name, RenameScope scope,
                         const DimsNamed& named) {
    const std::vector<spec::DimRef> targets = renameTargets(tree, spec, ref, scope, named);
    spec::DimSpec target = spec::DimSpec::named(name);
    if (auto existing = existingNamed(spec, name, named, targets)) {
        target.min = existing->min;
        target.max = existing->max;
    } else if (spec.contains(ref) && spec.dim(ref).kind == spec::DimSpec::Kind::Named) {
        // A fresh name keeps the bounds the user already gave this dimension.
        target.min = spec.dim(ref).min;
        target.max = spec.dim(ref).max;
    }
    DimChanges changes;
    for (const spec::DimRef& t : targets) {
        spec::DimSpec after = target;
        // Renaming a group keeps derived dims derived, on the new base.
        if (scope == RenameScope::SameName && spec.dim(t).kind == spec::DimSpec::Kind::Derived) {
            after = spec.dim(t);
            after.name = name;
        }
        addChange(changes, spec, t, after);
    }
    return changes;
}

DimChanges toggleChanges(const spec::ShapeSpec& spec, spec::DimRef ref, bool dynamic,
                         const QString& name, const DimsNamed& named) {
    DimChanges changes;
    if (!spec.contains(ref) || spec.dim(ref).isDynamic() == dynamic)
        return changes;
    if (!dynamic) {
        addChange(changes, spec, ref, spec::DimSpec::makeStatic());
        return changes;
    }
    spec::DimSpec after = spec::DimSpec::named(name);
    if (auto existing = existingNamed(spec, name, named)) {
        after.min = existing->min;
        after.max = existing->max;
    }
    addChange(changes, spec, ref, after);
    return changes;
}

DimChanges staticChanges(const spec::ShapeSpec& spec, const std::vector<spec::DimRef>& refs) {
    DimChanges changes;
    for (const spec::DimRef& ref : refs)
        addChange(changes, spec, ref, spec::DimSpec::makeStatic());
    return changes;
}

DimChanges boundsChanges(const spec::ShapeSpec& spec, const QString& name,
                         std::optional<qint64> min, std::optional<qint64> max,
                         const DimsNamed& named) {
    DimChanges changes;
    for (const spec::DimRef& ref : named(name)) {
        spec::DimSpec after = spec.dim(ref);
        if (after.kind != spec::DimSpec::Kind::Named)
            continue; // a derived dim's range follows from its base
        after.min = min;
        after.max = max;
        addChange(changes, spec, ref, after);
    }
    return changes;
}

DimChanges replaceChanges(const spec::ShapeSpec& from, const spec::ShapeSpec& to) {
    DimChanges changes;
    const int tensors = std::min(from.tensorCount(), to.tensorCount());
    for (int t = 0; t < tensors; ++t) {
        const int rank = std::min(from.rank(t), to.rank(t));
        for (int d = 0; d < rank; ++d)
            addChange(changes, from, spec::DimRef{t, d}, to.dim(t, d));
    }
    return changes;
}

} // namespace ds::document
