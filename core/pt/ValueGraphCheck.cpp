#include "ValueGraphCheck.h"

#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ds::pt {

namespace {

struct NodeFacts {
    bool done = false;   // false while the node is on the walk's path
    int depth = 1;       // levels below and including this node
    qint64 expanded = 1; // nodes a naive recursive walk would visit here
};

// Children of a node in a fixed order: items first, then constructor arguments.
size_t childCount(const InputValue& v) {
    return v.items().size() + v.arguments().size();
}

const InputValue::Ptr& childAt(const InputValue& v, size_t i) {
    const size_t n = v.items().size();
    return i < n ? v.items()[i] : v.arguments()[i - n];
}

// What printing this node alone costs, in values: one, plus a value per 64
// characters of its text (a string's, or a dict's keys), so that a long string
// shared a thousand times weighs what printing it a thousand times does.
qint64 ownWeight(const InputValue& v) {
    qint64 chars = 0;
    if (v.kind() == ValueKind::Str)
        chars = v.scalar().toString().size();
    else if (v.kind() == ValueKind::Dict || v.kind() == ValueKind::Object)
        for (const Key& key : v.keys())
            chars += key.text.size();
    return 1 + chars / 64;
}

QString kindText(const InputValue& v) {
    if (v.kind() == ValueKind::Object || v.kind() == ValueKind::Global)
        return QStringLiteral("an object of class %1").arg(v.className());
    return QStringLiteral("a %1").arg(kindName(v.kind()));
}

} // namespace

std::optional<GraphProblem> findGraphProblem(const InputValue::Ptr& root, int maxDepth,
                                             qint64 maxExpanded,
                                             std::unordered_set<const InputValue*>& reachable) {
    if (!root)
        return std::nullopt;
    struct Frame {
        const InputValue* node;
        size_t next;
    };
    std::unordered_map<const InputValue*, NodeFacts> facts;
    std::vector<Frame> path;
    path.push_back({root.get(), 0});
    facts[root.get()].expanded = ownWeight(*root);
    reachable.insert(root.get());

    while (!path.empty()) {
        Frame& top = path.back();
        if (top.next < childCount(*top.node)) {
            const InputValue* child = childAt(*top.node, top.next++).get();
            if (!child)
                continue;
            // A node without children (a tensor, an int) needs no facts: one
            // level, one node. Skipping them keeps the maps to the containers,
            // a hundred thousand fewer entries in a list of tensors.
            const bool leaf = childCount(*child) == 0;
            auto it = leaf ? facts.end() : facts.find(child);
            if (it == facts.end()) {
                if (static_cast<int>(path.size()) >= maxDepth)
                    return GraphProblem{child, QStringLiteral("values are nested more than %1 "
                                                              "levels deep")
                                                   .arg(maxDepth)};
                if (child->isContainer())
                    reachable.insert(child); // an empty one too: it must not be dismantled
                if (leaf)
                    continue;
                facts.emplace(child, NodeFacts{false, 1, ownWeight(*child)});
                path.push_back({child, 0});
            } else if (!it->second.done) {
                return GraphProblem{child, QStringLiteral("the pickle builds a cycle: %1 "
                                                          "contains itself")
                                               .arg(kindText(*child))};
            }
            continue;
        }
        // All children known: fold their facts into this node.
        NodeFacts& mine = facts[top.node];
        for (size_t i = 0; i < childCount(*top.node); ++i) {
            const InputValue* child = childAt(*top.node, i).get();
            if (!child)
                continue;
            if (childCount(*child) == 0) {
                mine.expanded = std::min(mine.expanded + ownWeight(*child), maxExpanded + 1);
                continue;
            }
            const NodeFacts& theirs = facts[child];
            mine.depth = std::max(mine.depth, theirs.depth + 1);
            mine.expanded = std::min(mine.expanded + theirs.expanded, maxExpanded + 1);
        }
        mine.done = true;
        if (mine.depth > maxDepth)
            return GraphProblem{
                top.node,
                QStringLiteral("values are nested more than %1 levels deep").arg(maxDepth)};
        if (mine.expanded > maxExpanded)
            return GraphProblem{top.node,
                                QStringLiteral("shared references expand to more than %1 "
                                               "values, more than a pickle of this size can "
                                               "describe (each level repeats the one below)")
                                    .arg(maxExpanded)};
        path.pop_back();
    }
    return std::nullopt;
}

void visitValues(const InputValue::Ptr& root, const std::function<void(InputValue&)>& visit) {
    std::vector<InputValue*> pending{root.get()};
    std::unordered_set<const InputValue*> seen; // nodes with children only
    while (!pending.empty()) {
        InputValue* node = pending.back();
        pending.pop_back();
        if (!node)
            continue;
        if (childCount(*node) > 0 && !seen.insert(node).second)
            continue;
        visit(*node);
        for (const auto& child : node->items())
            pending.push_back(child.get());
        for (const auto& child : node->arguments())
            pending.push_back(child.get());
    }
}

void dismantle(const std::vector<InputValue::Ptr>& nodes) {
    for (const auto& node : nodes) {
        if (!node)
            continue;
        node->clearItems();
        if (!node->arguments().empty())
            node->setArguments({});
    }
}

} // namespace ds::pt
