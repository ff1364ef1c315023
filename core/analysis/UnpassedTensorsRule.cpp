// Rule unpassed_tensors: tensors the user saved that the spec's structure
// gives no place, so that export never sees them as inputs. Two ways this
// happens: an object no node kind describes (its spec is None, and torch
// either refuses it or takes it as a constant), and a cache or layer whose
// class keeps state outside the children of its layout (the quantized part of
// a QuantizedLayer). Layouts that drop known layer state are the job of
// unfaithful_layout; this rule reports what no layout passes.
#include "SpecCheckRules.h"
#include "caches/CacheLayers.h"

#include <QSet>

namespace ds::analysis::check_rules {

namespace {

constexpr int kMaxDepth = 32; // objects nest a few levels; deeper is not an input
constexpr int kMaxListed = 3; // fields named in a message

void passedTensors(const spec::ExportNode& node, QSet<const InputValue*>& out) {
    if (node.kind == spec::ExportNode::Kind::Tensor)
        out.insert(node.source.get());
    for (const auto& c : node.children)
        passedTensors(*c, out);
}

// The way down from the object a finding is about: (container, item index)
// pairs, turned into text only for the few places a message names.
using Trail = std::vector<std::pair<const InputValue*, size_t>>;

QString placeOf(const Trail& trail) {
    QString place;
    for (const auto& [container, i] : trail) {
        const bool named =
            container->kind() == ValueKind::Object || container->kind() == ValueKind::Dict;
        if (named && i < container->keys().size())
            place += (place.isEmpty() ? QString() : QStringLiteral(".")) +
                     container->keys()[i].toString();
        else
            place += QStringLiteral("[%1]").arg(i);
    }
    return place;
}

// Tensors reachable from `value` that are not in `passed`, named by their
// place below it ("layers[0]._quantized_keys[0]").
void missingTensors(const InputValue& value, Trail& trail, const QSet<const InputValue*>& passed,
                    QStringList& out, int& count, QSet<const InputValue*>& seen, int depth) {
    if (value.kind() == ValueKind::Tensor) {
        if (!passed.contains(&value)) {
            ++count;
            if (out.size() < kMaxListed)
                out << placeOf(trail);
        }
        return;
    }
    if (depth > kMaxDepth || value.items().empty() || seen.contains(&value))
        return;
    seen.insert(&value);
    const bool named = value.kind() == ValueKind::Object || value.kind() == ValueKind::Dict;
    for (size_t i = 0; i < value.items().size(); ++i) {
        const InputValue::Ptr& item = value.items()[i];
        if (!item || (named && i < value.keys().size() && !value.keys()[i].isInt &&
                      caches::isDerivedLayerField(value.keys()[i].text)))
            continue;
        trail.emplace_back(&value, i);
        missingTensors(*item, trail, passed, out, count, seen, depth + 1);
        trail.pop_back();
    }
}

QString listed(const QStringList& names, int count) {
    QString text = names.join(QStringLiteral(", "));
    if (count > names.size())
        text += QStringLiteral(" and %1 more").arg(count - names.size());
    return text;
}

void walk(const spec::ExportNode& node, const spec::ExportTree& tree,
          std::vector<CheckFinding>& out) {
    const InputValue* source = node.source.get();
    const bool object = source && source->kind() == ValueKind::Object;
    if (object && (node.kind == spec::ExportNode::Kind::Leaf || !node.cacheClass.isEmpty())) {
        QSet<const InputValue*> passed, seen;
        passedTensors(node, passed);
        const bool passesSome = !passed.isEmpty();
        // Layer state the layers layout passes and this one drops is
        // unfaithful_layout's to report.
        if (tree.layout() != caches::CacheLayout::Layers)
            if (const InputValue::Ptr layers = source->field(QStringLiteral("layers")))
                for (const auto& layer : layers->items())
                    if (layer && caches::isLayerObject(*layer))
                        for (const caches::FlatChild& child : caches::layerChildren(*layer, {}))
                            passed.insert(child.value.get());
        QStringList names;
        int count = 0;
        Trail trail;
        missingTensors(*source, trail, passed, names, count, seen, 0);
        if (count > 0) {
            const QString where =
                node.path().isEmpty() ? QStringLiteral("the top level") : node.path();
            out.push_back(CheckFinding{
                node.path(), spec::DimRef{}, Severity::Warning, check_rule::kUnpassedTensors,
                !passesSome
                    ? QStringLiteral("%1 holds %2 tensor(s) (%3) but is no pytree node DimStudio "
                                     "knows: its spec is None, and torch.export refuses it or "
                                     "takes it as a constant")
                          .arg(source->className())
                          .arg(count)
                          .arg(listed(names, count))
                    : QStringLiteral("%1 keeps %2 tensor(s) outside what any layout passes (%3): "
                                     "export freezes them to the example's values")
                          .arg(source->className())
                          .arg(count)
                          .arg(listed(names, count)),
                !passesSome
                    ? QStringLiteral("register %1 with torch.utils._pytree, or pass its tensors "
                                     "as inputs of their own at %2")
                          .arg(source->shortClassName(), where)
                    : QStringLiteral("export without this state (%1 is not exportable as is), or "
                                     "pass its tensors as inputs of their own")
                          .arg(source->shortClassName())});
            return;
        }
    }
    for (const auto& c : node.children)
        walk(*c, tree, out);
}

} // namespace

void unpassedTensors(const spec::ExportTree& tree, std::vector<CheckFinding>& out) {
    walk(*tree.root(), tree, out);
}

} // namespace ds::analysis::check_rules
