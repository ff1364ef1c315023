#include "DimEdits.h"

#include <algorithm>

namespace ds {

namespace {

bool carriesName(const DimSpec& s) {
    return s.kind == DimSpec::Kind::Named || s.kind == DimSpec::Kind::Derived;
}

void addChange(DimChanges& changes, const ShapeSpec& spec, DimRef ref, const DimSpec& after) {
    if (spec.contains(ref) && spec.dim(ref) != after)
        changes.push_back({ref, spec.dim(ref), after});
}

} // namespace

std::optional<DimSpec> existingNamed(const ShapeSpec& spec, const QString& name,
                                     const DimsNamed& named, const std::vector<DimRef>& except) {
    for (const DimRef& ref : named(name)) {
        if (std::find(except.begin(), except.end(), ref) != except.end())
            continue;
        if (spec.dim(ref).kind == DimSpec::Kind::Named)
            return spec.dim(ref);
    }
    return std::nullopt;
}

std::vector<DimRef> renameTargets(const ExportTree& tree, const ShapeSpec& spec, DimRef ref,
                                  RenameScope scope, const DimsNamed& named) {
    if (!spec.contains(ref))
        return {};
    switch (scope) {
    case RenameScope::ThisDimension:
        return {ref};
    case RenameScope::SameName: {
        const DimSpec& current = spec.dim(ref);
        if (!carriesName(current))
            return {ref};
        return named(current.name);
    }
    case RenameScope::SameSizeAtPosition: {
        const auto& shape = tree.tensorNode(ref.tensor)->tensor().shape;
        return ShapeSpec::dimsWithSizeAt(tree, ref.dim, shape[static_cast<size_t>(ref.dim)]);
    }
    }
    return {ref};
}

DimChanges renameChanges(const ExportTree& tree, const ShapeSpec& spec, DimRef ref,
                         const QString& name, RenameScope scope, const DimsNamed& named) {
    const std::vector<DimRef> targets = renameTargets(tree, spec, ref, scope, named);
    DimSpec target = DimSpec::named(name);
    if (auto existing = existingNamed(spec, name, named, targets)) {
        target.min = existing->min;
        target.max = existing->max;
    } else if (spec.contains(ref) && spec.dim(ref).kind == DimSpec::Kind::Named) {
        // A fresh name keeps the bounds the user already gave this dimension.
        target.min = spec.dim(ref).min;
        target.max = spec.dim(ref).max;
    }
    DimChanges changes;
    for (const DimRef& t : targets) {
        DimSpec after = target;
        // Renaming a group keeps derived dims derived, on the new base.
        if (scope == RenameScope::SameName && spec.dim(t).kind == DimSpec::Kind::Derived) {
            after = spec.dim(t);
            after.name = name;
        }
        addChange(changes, spec, t, after);
    }
    return changes;
}

DimChanges toggleChanges(const ShapeSpec& spec, DimRef ref, bool dynamic, const QString& name,
                         const DimsNamed& named) {
    DimChanges changes;
    if (!spec.contains(ref) || spec.dim(ref).isDynamic() == dynamic)
        return changes;
    if (!dynamic) {
        addChange(changes, spec, ref, DimSpec::makeStatic());
        return changes;
    }
    DimSpec after = DimSpec::named(name);
    if (auto existing = existingNamed(spec, name, named)) {
        after.min = existing->min;
        after.max = existing->max;
    }
    addChange(changes, spec, ref, after);
    return changes;
}

DimChanges staticChanges(const ShapeSpec& spec, const std::vector<DimRef>& refs) {
    DimChanges changes;
    for (const DimRef& ref : refs)
        addChange(changes, spec, ref, DimSpec::makeStatic());
    return changes;
}

DimChanges boundsChanges(const ShapeSpec& spec, const QString& name, std::optional<qint64> min,
                         std::optional<qint64> max, const DimsNamed& named) {
    DimChanges changes;
    for (const DimRef& ref : named(name)) {
        DimSpec after = spec.dim(ref);
        if (after.kind != DimSpec::Kind::Named)
            continue; // a derived dim's range follows from its base
        after.min = min;
        after.max = max;
        addChange(changes, spec, ref, after);
    }
    return changes;
}

DimChanges replaceChanges(const ShapeSpec& from, const ShapeSpec& to) {
    DimChanges changes;
    const int tensors = std::min(from.tensorCount(), to.tensorCount());
    for (int t = 0; t < tensors; ++t) {
        const int rank = std::min(from.rank(t), to.rank(t));
        for (int d = 0; d < rank; ++d)
            addChange(changes, from, DimRef{t, d}, to.dim(t, d));
    }
    return changes;
}

} // namespace ds
