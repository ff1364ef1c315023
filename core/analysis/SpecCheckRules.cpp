#include "SpecCheckRules.h"

#include "DimSpecText.h"
#include "spec/SpecToPython.h"

#include "caches/CacheLayers.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace ds::analysis::check_rules {

namespace {

qint64 sizeOf(const spec::ExportTree& tree, spec::DimRef ref) {
    return tree.tensorNode(ref.tensor)->tensor().shape[static_cast<size_t>(ref.dim)];
}

CheckFinding finding(const spec::ExportTree& tree, spec::DimRef ref, Severity severity,
                     const QString& rule, const QString& message, const QString& fix) {
    return CheckFinding{tree.tensorNode(ref.tensor)->path(), ref, severity, rule, message, fix};
}

// Every dimension, in flattening order, with its decision.
template <typename Visit> void forEachDim(const spec::ShapeSpec& spec, Visit visit) {
    for (int t = 0; t < spec.tensorCount(); ++t)
        for (int d = 0; d < spec.rank(t); ++d)
            visit(spec::DimRef{t, d}, spec.dim(t, d));
}

bool isNamed(const spec::DimSpec& s) {
    return s.kind == spec::DimSpec::Kind::Named;
}

QString boundsText(const spec::DimSpec& s) {
    return QStringLiteral("min=%1, max=%2")
        .arg(s.min ? QString::number(*s.min) : QStringLiteral("None"),
             s.max ? QString::number(*s.max) : QStringLiteral("None"));
}

// The first Named use of each name, for rules that compare later uses with it.
// `shared` (when given) tells whether any name is used twice.
QHash<QString, spec::DimRef> firstUses(const spec::ShapeSpec& spec, bool* shared = nullptr) {
    QHash<QString, spec::DimRef> first;
    first.reserve(spec.tensorCount());
    bool repeated = false;
    forEachDim(spec, [&](spec::DimRef ref, const spec::DimSpec& s) {
        if (!isNamed(s))
            return;
        const qsizetype before = first.size();
        spec::DimRef& slot = first[s.name]; // one lookup: inserts when new
        if (first.size() != before)
            slot = ref;
        else
            repeated = true;
    });
    if (shared)
        *shared = repeated;
    return first;
}

// Whether any dimension satisfies `test`: rules that need the first-use map
// build it (hundreds of thousands of names on big inputs) only when they can
// find something.
template <typename Test> bool anyDim(const spec::ShapeSpec& spec, Test test) {
    for (int t = 0; t < spec.tensorCount(); ++t)
        for (const spec::DimSpec& s : spec.tensorDims(t))
            if (test(s))
                return true;
    return false;
}

} // namespace

void specializedSizes(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
                      std::vector<CheckFinding>& out) {
    forEachDim(spec, [&](spec::DimRef ref, const spec::DimSpec& s) {
        const qint64 size = sizeOf(tree, ref);
        if (!s.isDynamic() || (size != 0 && size != 1))
            return;
        // AUTO lets export quietly keep the constant; a name or DYNAMIC makes it fail.
        const bool automatic =
            s.kind == spec::DimSpec::Kind::Hint && s.hint == spec::DimSpec::HintKind::Auto;
        const QString what =
            automatic
                ? QStringLiteral("export will quietly make it the constant %1").arg(size)
                : QStringLiteral("export specialises it to the constant %1 and fails").arg(size);
        out.push_back(
            finding(tree, ref, automatic ? Severity::Warning : Severity::Error,
                    check_rule::kSpecializedSize,
                    QStringLiteral("%1 is dynamic but its example size is %2: %3")
                        .arg(dimSpecLabel(s))
                        .arg(size)
                        .arg(what),
                    QStringLiteral("make %1 static, or use example inputs where it is at least 2")
                        .arg(dimPlace(tree, ref))));
    });
}

void inconsistentSizes(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
                       std::vector<CheckFinding>& out) {
    bool shared = false;
    const QHash<QString, spec::DimRef> first = firstUses(spec, &shared);
    if (!shared)
        return; // every name used once (the all-dynamic spec): nothing to compare
    forEachDim(spec, [&](spec::DimRef ref, const spec::DimSpec& s) {
        if (!isNamed(s))
            return;
        const spec::DimRef origin = first.value(s.name);
        const qint64 size = sizeOf(tree, ref);
        const qint64 expected = sizeOf(tree, origin);
        if (origin == ref || size == expected)
            return;
        out.push_back(
            finding(tree, ref, Severity::Error, check_rule::kInconsistentSizes,
                    QStringLiteral("%1 is %2 here but %3 at %4: one name is one size")
                        .arg(text::pythonStringRepr(s.name))
                        .arg(size)
                        .arg(expected)
                        .arg(dimPlace(tree, origin)),
                    QStringLiteral("give %1 a name of its own").arg(dimPlace(tree, ref))));
    });
}

void outOfBounds(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
                 std::vector<CheckFinding>& out) {
    forEachDim(spec, [&](spec::DimRef ref, const spec::DimSpec& s) {
        if (!s.isDynamic() || s.kind == spec::DimSpec::Kind::Derived || !s.hasBounds())
            return;
        const qint64 size = sizeOf(tree, ref);
        const bool below = s.min && size < *s.min;
        const bool above = s.max && size > *s.max;
        if (!below && !above)
            return;
        out.push_back(finding(tree, ref, Severity::Error, check_rule::kOutOfBounds,
                              QStringLiteral("example size %1 is outside the bounds of %2 (%3)")
                                  .arg(size)
                                  .arg(dimSpecLabel(s), boundsText(s)),
                              below ? QStringLiteral("lower min to %1 or less").arg(size)
                                    : QStringLiteral("raise max to %1 or more").arg(size)));
    });
}

void invalidNames(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
                  std::vector<CheckFinding>& out) {
    forEachDim(spec, [&](spec::DimRef ref, const spec::DimSpec& s) {
        if ((s.kind != spec::DimSpec::Kind::Named && s.kind != spec::DimSpec::Kind::Derived) ||
            text::isPythonIdentifier(s.name))
            return;
        out.push_back(
            finding(tree, ref, Severity::Error, check_rule::kInvalidName,
                    QStringLiteral("%1 is not a Python identifier: torch.export.Dim rejects it")
                        .arg(text::pythonStringRepr(s.name)),
                    QStringLiteral("rename %1 to %2 everywhere")
                        .arg(text::pythonStringRepr(s.name),
                             text::pythonStringRepr(spec::variableNameFor(s.name)))));
    });
}

void conflictingBounds(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
                       std::vector<CheckFinding>& out) {
    // Without any bounds, every use of a name has the same (none).
    if (!anyDim(spec, [](const spec::DimSpec& s) { return isNamed(s) && s.hasBounds(); }))
        return;
    const QHash<QString, spec::DimRef> first = firstUses(spec);
    forEachDim(spec, [&](spec::DimRef ref, const spec::DimSpec& s) {
        if (!isNamed(s))
            return;
        const spec::DimRef origin = first.value(s.name);
        const spec::DimSpec& reference = spec.dim(origin);
        if (origin == ref || (s.min == reference.min && s.max == reference.max))
            return;
        out.push_back(
            finding(tree, ref, Severity::Error, check_rule::kConflictingBounds,
                    QStringLiteral("%1 has %2 here but %3 at %4: a name has one pair of bounds")
                        .arg(text::pythonStringRepr(s.name), boundsText(s), boundsText(reference),
                             dimPlace(tree, origin)),
                    QStringLiteral("give every use of %1 the same min and max")
                        .arg(text::pythonStringRepr(s.name))));
    });
}

void badDerived(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
                std::vector<CheckFinding>& out) {
    if (!anyDim(spec,
                [](const spec::DimSpec& s) { return s.kind == spec::DimSpec::Kind::Derived; }))
        return;
    const QHash<QString, spec::DimRef> first = firstUses(spec);
    forEachDim(spec, [&](spec::DimRef ref, const spec::DimSpec& s) {
        if (s.kind != spec::DimSpec::Kind::Derived)
            return;
        if (s.mul <= 0) {
            out.push_back(
                finding(tree, ref, Severity::Error, check_rule::kBadDerived,
                        QStringLiteral("%1 is not of the form A*%2 + B with an integer A > 0")
                            .arg(dimSpecLabel(s), s.name),
                        QStringLiteral("use a positive multiplier of %1")
                            .arg(text::pythonStringRepr(s.name))));
            return;
        }
        if (!first.contains(s.name))
            return; // the base appears nowhere on its own: no size to check against
        const qint64 base = sizeOf(tree, first.value(s.name));
        const qint64 expected = s.mul * base + s.add;
        const qint64 size = sizeOf(tree, ref);
        if (expected == size)
            return;
        out.push_back(
            finding(tree, ref, Severity::Error, check_rule::kBadDerived,
                    QStringLiteral("%1 gives %2 for %3 = %4 (at %5), but the example size is %6")
                        .arg(dimSpecLabel(s))
                        .arg(expected)
                        .arg(s.name)
                        .arg(base)
                        .arg(dimPlace(tree, first.value(s.name)))
                        .arg(size),
                    QStringLiteral("fix the multiplier or offset so that it gives %1").arg(size)));
    });
}

namespace {

// A tensor's sizes in every set: the tree's own first, then each other set
// whose tensor has the same rank.
std::vector<qint64> sizesInSets(const spec::ExportTree& tree,
                                const std::vector<const spec::ExportTree*>& others,
                                spec::DimRef ref) {
    std::vector<qint64> sizes{sizeOf(tree, ref)};
    for (const spec::ExportTree* other : others) {
        if (ref.tensor >= other->tensorCount())
            return {};
        const auto& shape = other->tensorNode(ref.tensor)->tensor().shape;
        if (static_cast<int>(shape.size()) != tree.tensorNode(ref.tensor)->tensor().rank())
            return {};
        sizes.push_back(shape[static_cast<size_t>(ref.dim)]);
    }
    return sizes;
}

QString sizesText(const std::vector<qint64>& sizes) {
    QStringList parts;
    for (qint64 v : sizes)
        parts << QString::number(v);
    return parts.join(QStringLiteral(", "));
}

// A hash key for sizes in every set: their bytes (checks run on inputs of
// 100,000 tensors; text keys would cost a string per dimension).
QByteArray vectorKey(const std::vector<qint64>& sizes) {
    return QByteArray(reinterpret_cast<const char*>(sizes.data()),
                      static_cast<qsizetype>(sizes.size() * sizeof(qint64)));
}

bool underCache(const spec::ExportNode* node) {
    for (const spec::ExportNode* n = node->parent; n; n = n->parent)
        if (!n->cacheClass.isEmpty())
            return true;
    return false;
}

// Layer state (beyond keys and values) that a layout without layer nodes
// cannot pass to the program.
QStringList frozenState(const InputValue& cache) {
    QStringList frozen;
    const InputValue::Ptr layers = cache.field(QStringLiteral("layers"));
    if (!layers)
        return frozen;
    for (const auto& layer : layers->items()) {
        // Keys and values only: nothing else to carry.
        if (!layer || layer->kind() != ValueKind::Object ||
            layer->shortClassName() == QLatin1String("DynamicLayer"))
            continue;
        QStringList state;
        for (const auto& child : caches::layerChildren(*layer, {}))
            if (child.label != QLatin1String("keys") && child.label != QLatin1String("values"))
                state << child.label;
        if (state.isEmpty())
            continue;
        const QString entry = QStringLiteral("%1's %2").arg(layer->shortClassName(),
                                                            state.join(QStringLiteral(", ")));
        if (!frozen.contains(entry))
            frozen << entry;
    }
    return frozen;
}

void walkCaches(const spec::ExportNode& node, std::vector<const spec::ExportNode*>& out) {
    if (!node.cacheClass.isEmpty() && node.source && node.source->kind() == ValueKind::Object &&
        node.source->field(QStringLiteral("layers")))
        out.push_back(&node);
    for (const auto& c : node.children)
        walkCaches(*c, out);
}

} // namespace

void unfaithfulLayouts(const spec::ExportTree& tree, std::vector<CheckFinding>& out) {
    if (tree.layout() == caches::CacheLayout::Layers)
        return;
    std::vector<const spec::ExportNode*> cacheNodes;
    walkCaches(*tree.root(), cacheNodes);
    for (const spec::ExportNode* node : cacheNodes) {
        const QStringList frozen = frozenState(*node->source);
        if (frozen.isEmpty())
            continue;
        out.push_back(CheckFinding{
            node->path(), spec::DimRef{}, Severity::Warning, check_rule::kUnfaithfulLayout,
            QStringLiteral("the %1 layout passes only keys and values: %2 cannot be inputs, so "
                           "export freezes them to the example's values and the program differs "
                           "from eager on other inputs")
                .arg(caches::layoutName(tree.layout()), frozen.join(QStringLiteral("; "))),
            QStringLiteral("use the layers layout (--layout layers), which carries every layer's "
                           "state")});
    }
}

void sumsWithoutMinimum(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
                        const std::vector<const spec::ExportTree*>& otherSets,
                        std::vector<CheckFinding>& out) {
    // Cache lengths (dim 2 of a cache's 4-d tensors) and every named size, by
    // their sizes in all sets.
    QHash<QByteArray, spec::DimRef> cacheLengths, namedBySizes;
    // Most inputs hold no cache: nothing to look for, and nothing built.
    for (int t = 0; t < tree.tensorCount(); ++t) {
        const spec::ExportNode* node = tree.tensorNode(t);
        if (node->tensor().rank() != 4 || !spec.dim(t, 2).isDynamic() || !underCache(node))
            continue;
        const std::vector<qint64> sizes = sizesInSets(tree, otherSets, {t, 2});
        if (!sizes.empty() && !cacheLengths.contains(vectorKey(sizes)))
            cacheLengths.insert(vectorKey(sizes), {t, 2});
    }
    if (cacheLengths.isEmpty())
        return;
    std::vector<std::pair<spec::DimRef, std::vector<qint64>>> candidates;
    // Candidates and the new tokens are sizes outside any cache.
    std::vector<bool> outside(static_cast<size_t>(tree.tensorCount()));
    for (int t = 0; t < tree.tensorCount(); ++t)
        outside[static_cast<size_t>(t)] = !underCache(tree.tensorNode(t));
    forEachDim(spec, [&](spec::DimRef ref, const spec::DimSpec& s) {
        if (!isNamed(s) || !outside[static_cast<size_t>(ref.tensor)])
            return;
        const std::vector<qint64> sizes = sizesInSets(tree, otherSets, ref);
        if (sizes.empty())
            return;
        // The new tokens: a size outside any cache, its first use.
        const QByteArray key = vectorKey(sizes);
        if (!namedBySizes.contains(key))
            namedBySizes.insert(key, ref);
        if (!s.min || *s.min < 2)
            candidates.emplace_back(ref, sizes);
    });
    QSet<QString> reported;
    for (const auto& [ref, sizes] : candidates) {
        const spec::DimSpec& c = spec.dim(ref);
        if (reported.contains(c.name))
            continue;
        for (auto it = cacheLengths.cbegin(); it != cacheLengths.cend(); ++it) {
            const std::vector<qint64> cache = sizesInSets(tree, otherSets, it.value());
            std::vector<qint64> rest;
            bool positive = true;
            for (size_t i = 0; i < sizes.size(); ++i) {
                rest.push_back(sizes[i] - cache[i]);
                positive = positive && rest.back() > 0;
            }
            const auto other = namedBySizes.constFind(vectorKey(rest));
            if (!positive || other == namedBySizes.cend())
                continue;
            const QString otherName = spec.dim(*other).name;
            const QString cacheName = spec.dim(it.value()).displayText();
            if (otherName == c.name || cacheName == c.name)
                continue;
            reported.insert(c.name);
            out.push_back(finding(
                tree, ref, Severity::Warning, check_rule::kSumWithoutMinimum,
                QStringLiteral("'%1' (%2) is %3 + %4 in every input set (%5 = %6 + %7): Dim "
                               "cannot express a sum, so torch asks for a minimum for '%1'")
                    .arg(c.name, dimPlace(tree, ref), dimPlace(tree, it.value()),
                         dimPlace(tree, *other), sizesText(sizes), sizesText(cache),
                         sizesText(rest)),
                QStringLiteral("give '%1' a minimum (min=2 or more; `dimstudio verify --fix` "
                               "learns the one torch asks)")
                    .arg(c.name)));
            break;
        }
    }
}

void equalSizesTwoNames(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
                        const std::vector<const spec::ExportTree*>& otherSets,
                        std::vector<CheckFinding>& out) {
    QHash<QByteArray, spec::DimRef> firstBySizes;
    QSet<QString> reported;
    forEachDim(spec, [&](spec::DimRef ref, const spec::DimSpec& s) {
        if (!isNamed(s))
            return;
        const std::vector<qint64> sizes = sizesInSets(tree, otherSets, ref);
        // Equal by coincidence unless the sizes vary between sets.
        if (sizes.size() < 2 ||
            std::all_of(sizes.begin(), sizes.end(), [&](qint64 v) { return v == sizes.front(); }))
            return;
        const QByteArray key = vectorKey(sizes);
        const auto first = firstBySizes.constFind(key);
        if (first == firstBySizes.cend()) {
            firstBySizes.insert(key, ref);
            return;
        }
        const QString firstName = spec.dim(*first).name;
        if (firstName == s.name || reported.contains(s.name + QLatin1Char('=') + firstName))
            return;
        reported.insert(s.name + QLatin1Char('=') + firstName);
        out.push_back(finding(
            tree, ref, Severity::Warning, check_rule::kEqualSizesTwoNames,
            QStringLiteral("'%1' (%2) and '%3' (%4) are equal in every input set (%5): if the "
                           "model needs them equal, torch.export refuses two names for them")
                .arg(s.name, dimPlace(tree, ref), firstName, dimPlace(tree, *first),
                     sizesText(sizes)),
            QStringLiteral("name %1 '%2' too, or add an input set where they differ")
                .arg(dimPlace(tree, ref), firstName)));
    });
}

namespace {

class NonTensorWalk {
public:
    NonTensorWalk(spec::SpecSource source, std::vector<CheckFinding>& out)
        : m_source(source), m_out(out) {}

    void walk(const spec::ExportNode& node, const text::PyValue& v) {
        switch (node.kind) {
        case spec::ExportNode::Kind::Leaf:
            if (node.counter &&
                (v.kind() == text::PyValue::Kind::DimHint || v.kind() == text::PyValue::Kind::Int))
                return; // a counter's Dim.DYNAMIC
            if (v.kind() != text::PyValue::Kind::None)
                m_out.push_back(CheckFinding{
                    node.path(), spec::DimRef{}, Severity::Error, check_rule::kNonTensorSpec,
                    QStringLiteral(
                        "%1 given for a non-tensor value (%2): torch.export wants None there")
                        .arg(v.repr(), kindName(node.source->kind())),
                    QStringLiteral("write None at %1")
                        .arg(node.path().isEmpty() ? QStringLiteral("the top level")
                                                   : node.path())});
            return;
        case spec::ExportNode::Kind::Dict:
            if (v.kind() == text::PyValue::Kind::Dict)
                for (const auto& child : node.children)
                    if (const text::PyValue* item = dictItem(v, child->key))
                        walk(*child, *item);
            return;
        case spec::ExportNode::Kind::List:
        case spec::ExportNode::Kind::Tuple:
            // torch 2.14 refuses None where a registered node (a cache) stands.
            if (v.kind() == text::PyValue::Kind::None && !node.cacheClass.isEmpty()) {
                m_out.push_back(CheckFinding{
                    node.path(), spec::DimRef{}, Severity::Error, check_rule::kNoneForNode,
                    QStringLiteral("None for a %1: torch.export refuses None where a registered "
                                   "pytree node stands")
                        .arg(node.cacheClass),
                    QStringLiteral("write the %1's structure with {} for each tensor "
                                   "('dimstudio spec FILE' prints it)")
                        .arg(node.cacheClass)});
                return;
            }
            if (v.kind() == text::PyValue::Kind::List || v.kind() == text::PyValue::Kind::Tuple)
                for (int i = 0; i < std::min(v.size(), node.childCount()); ++i)
                    walk(*node.child(i), *v.items()[static_cast<size_t>(i)]);
            return;
        case spec::ExportNode::Kind::Tensor:
            return;
        }
    }

private:
    const text::PyValue* dictItem(const text::PyValue& d, const Key& key) const {
        text::PyValue::Ptr found =
            key.isInt ? d.valueForInt(key.intValue) : d.valueForString(key.text);
        if (!found && key.isInt && m_source == spec::SpecSource::Json)
            found = d.valueForString(key.toString()); // JSON keys are strings
        return found.get();
    }

    spec::SpecSource m_source;
    std::vector<CheckFinding>& m_out;
};

} // namespace

void nonTensorSpecs(const spec::ExportTree& tree, const text::PyValue& value,
                    spec::SpecSource source, std::vector<CheckFinding>& out) {
    NonTensorWalk(source, out).walk(*tree.root(), value);
}

} // namespace ds::analysis::check_rules
