#pragma once

// What code after the reader does with a tree, done once per fuzz input:
// walk it and print its type string. A tree the reader accepts must survive
// both (no cycle, bounded depth and size).
#include "InputValue.h"
#include "text/TypeString.h"

#include <unordered_set>
#include <vector>

namespace fuzzing {

inline void touchTree(const ds::InputValue::Ptr& root) {
    std::vector<const ds::InputValue*> pending{root.get()};
    std::unordered_set<const ds::InputValue*> seen;
    while (!pending.empty()) {
        const ds::InputValue* v = pending.back();
        pending.pop_back();
        if (!v || !seen.insert(v).second)
            continue;
        if (v->kind() == ds::ValueKind::Tensor)
            (void)v->tensorInfo().numel();
        for (const auto& c : v->items())
            pending.push_back(c.get());
        for (const auto& c : v->arguments())
            pending.push_back(c.get());
    }
    (void)ds::text::typeString(*root);
}

} // namespace fuzzing
