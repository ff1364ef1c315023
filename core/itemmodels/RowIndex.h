#pragma once

#include "spec/ExportTree.h"

#include <vector>

namespace ds::itemmodels {

// The rows InputTreeModel shows, flattened into one array: every export node
// and, under each tensor, one row per dimension. Ids are array positions, so
// index()/parent()/rowCount() are O(1) and a model over 100,000 tensors costs
// one allocation instead of half a million small ones (dimension rows have
// no ExportNode of their own).
class RowIndex {
public:
    struct Entry {
        const spec::ExportNode* node = nullptr; // for a dimension row: its tensor
        int dim = -1;                           // dimension rows only
        int parent = -1;                        // id of the parent row, -1 for the invisible root
        int row = 0;                            // position under the parent
        int firstChild = 0;
        int childCount = 0;
        int tensorsBelow = 0; // tensors in this subtree (the row itself included)
        bool isDimension() const { return dim >= 0; }
    };
    static constexpr int kRootId = 0;

    // The invisible root stands for the top-level container, so its items are
    // the top-level rows; a top-level tensor or scalar becomes the only row.
    void build(const spec::ExportTree* tree);
    void clear();

    int size() const { return static_cast<int>(m_entries.size()); }
    const Entry& at(int id) const { return m_entries[static_cast<size_t>(id)]; }
    int childId(int parentId, int row) const { return at(parentId).firstChild + row; }
    // Row id of tensor `tensorIndex`, -1 when unknown.
    int tensorRowId(int tensorIndex) const;

private:
    std::vector<Entry> m_entries;
    std::vector<int> m_tensorRows;
};

} // namespace ds::itemmodels
