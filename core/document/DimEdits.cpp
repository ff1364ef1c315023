#include "DimEdits.h"

#include "text/PyValue.h"

#include <QObject>

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

template <typename F> void collectTensors(const spec::ExportNode& node, F&& visit) {
    if (node.kind == spec::ExportNode::Kind::Tensor)
        visit(node.tensorIndex);
    for (const auto& child : node.children)
        collectTensors(*child, visit);
}

QString boundText(std::optional<qint64> v) {
    return v ? QString::number(*v) : QStringLiteral("none");
}

} // namespace

const spec::ExportNode* cacheOf(const spec::ExportTree& tree, int tensor) {
    if (tensor < 0 || tensor >= tree.tensorCount())
        return nullptr;
    const spec::ExportNode* outermost = nullptr;
    for (const spec::ExportNode* n = tree.tensorNode(tensor)->parent; n; n = n->parent)
        if (!n->cacheClass.isEmpty())
            outermost = n; // an EncoderDecoderCache holds two caches: take all of it
    return outermost;
}

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
    case RenameScope::SameCache: {
        const spec::ExportNode* cache = cacheOf(tree, ref.tensor);
        if (!cache)
            return {ref};
        std::vector<spec::DimRef> refs;
        collectTensors(*cache, [&](int tensor) {
            if (ref.dim < spec.rank(tensor))
                refs.push_back({tensor, ref.dim});
        });
        std::sort(refs.begin(), refs.end());
        return refs;
    }
    case RenameScope::Selection:
        return {ref}; // the caller knows the selection
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

DimChanges decisionChanges(const spec::ShapeSpec& spec, const std::vector<spec::DimRef>& targets,
                           const spec::DimSpec& decision, const DimsNamed& named) {
    DimChanges changes;
    for (const spec::DimRef& t : targets)
        addChange(changes, spec, t, decision);
    if (decision.kind != spec::DimSpec::Kind::Named)
        return changes;
    for (const spec::DimRef& ref : named(decision.name)) {
        if (std::find(targets.begin(), targets.end(), ref) != targets.end())
            continue;
        spec::DimSpec after = spec.dim(ref);
        if (after.kind != spec::DimSpec::Kind::Named)
            continue;
        after.min = decision.min;
        after.max = decision.max;
        addChange(changes, spec, ref, after);
    }
    return changes;
}

QString decisionProblem(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
                        const std::vector<spec::DimRef>& targets, const spec::DimSpec& decision,
                        const DimsNamed& named) {
    using Kind = spec::DimSpec::Kind;
    if (decision.kind == Kind::Static)
        return {};
    if (decision.kind == Kind::Named && !text::isPythonIdentifier(decision.name))
        return QObject::tr("A name must be a Python identifier (torch.export's Dim needs one).");
    if (decision.min && *decision.min < 0)
        return QObject::tr("The minimum cannot be negative.");
    if (decision.max && *decision.max < 1)
        return QObject::tr("The maximum must be at least 1.");
    if (decision.min && decision.max && *decision.max <= *decision.min) // torch wants max > min
        return QObject::tr("The maximum (%1) must be above the minimum (%2).")
            .arg(*decision.max)
            .arg(*decision.min);
    auto sizeOf = [&tree](spec::DimRef ref) {
        return tree.tensorNode(ref.tensor)->tensor().shape[static_cast<size_t>(ref.dim)];
    };
    for (const spec::DimRef& t : targets) {
        if (!spec.contains(t))
            continue;
        const qint64 size = sizeOf(t);
        if ((decision.min && size < *decision.min) || (decision.max && size > *decision.max))
            return QObject::tr("%1 [%2] has size %3, outside %4..%5: export would refuse it.")
                .arg(tree.tensorNode(t.tensor)->path())
                .arg(t.dim)
                .arg(size)
                .arg(boundText(decision.min), boundText(decision.max));
    }
    if (decision.kind != Kind::Derived)
        return {};
    if (!text::isPythonIdentifier(decision.name))
        return QObject::tr("Choose the dimension this one is derived from.");
    if (decision.mul < 1)
        return QObject::tr("The factor must be at least 1.");
    std::optional<spec::DimRef> base;
    for (const spec::DimRef& ref : named(decision.name)) {
        const bool target = std::find(targets.begin(), targets.end(), ref) != targets.end();
        if (!target && spec.dim(ref).kind == Kind::Named) {
            base = ref;
            break;
        }
    }
    if (!base)
        return QObject::tr("No other dimension is named '%1': a derived dimension needs a named "
                           "base.")
            .arg(decision.name);
    const qint64 baseSize = sizeOf(*base);
    for (const spec::DimRef& t : targets) {
        const qint64 expected = decision.mul * baseSize + decision.add;
        if (spec.contains(t) && sizeOf(t) != expected)
            return QObject::tr("%1 [%2] has size %3, but %4 gives %5 (%6 is %7).")
                .arg(tree.tensorNode(t.tensor)->path())
                .arg(t.dim)
                .arg(sizeOf(t))
                .arg(decision.displayText())
                .arg(expected)
                .arg(decision.name)
                .arg(baseSize);
    }
    return {};
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
