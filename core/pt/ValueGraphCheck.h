#pragma once

#include "InputValue.h"

#include <functional>
#include <optional>
#include <unordered_set>

namespace ds::pt {

struct GraphProblem {
    const InputValue* node = nullptr; // where the problem shows
    QString message;
};

// Walks the values reachable from `root` (items and constructor arguments)
// without recursion and reports the first of: a cycle, nesting deeper than
// maxDepth, or more than maxExpanded nodes visited by a walk that re-enters
// shared values each time (a DAG that doubles at each level would make any
// tree printer run forever). Strings and dict keys weigh a node per 64
// characters: printing a long key shared by many dicts repeats it each time. Fills `reachable` with
// the root, every container and every other node with items or arguments it saw (leaves are not
// recorded).
std::optional<GraphProblem> findGraphProblem(const InputValue::Ptr& root, int maxDepth,
                                             qint64 maxExpanded,
                                             std::unordered_set<const InputValue*>& reachable);

// Calls `visit` on every node reachable from `root` (through items and
// constructor arguments), without recursion: once for each node with children,
// once per reference for the others (so `visit` must not mind seeing a shared
// leaf twice). For graphs findGraphProblem accepted: acyclic and bounded.
void visitValues(const InputValue::Ptr& root, const std::function<void(InputValue&)>& visit);

// Empties every container in `nodes` (items and arguments), so that destroying
// them afterwards neither recurses deeply nor leaks through cycles.
void dismantle(const std::vector<InputValue::Ptr>& nodes);

} // namespace ds::pt
