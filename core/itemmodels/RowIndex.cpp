#include "RowIndex.h"

namespace ds::itemmodels {

namespace {

int rowsUnder(const spec::ExportNode& node) {
    if (node.kind == spec::ExportNode::Kind::Tensor)
        return node.tensor().rank();
    return node.childCount();
}

size_t countRows(const spec::ExportNode& node) {
    size_t n = 1 + static_cast<size_t>(
                       node.kind == spec::ExportNode::Kind::Tensor ? node.tensor().rank() : 0);
    for (const auto& child : node.children)
        n += countRows(*child);
    return n;
}

} // namespace

void RowIndex::clear() {
    m_entries.clear();
    m_tensorRows.clear();
}

void RowIndex::build(const spec::ExportTree* tree) {
    clear();
    if (!tree || !tree->root())
        return;
    m_tensorRows.assign(static_cast<size_t>(tree->tensorCount()), -1);
    const spec::ExportNode* top = tree->root();

    m_entries.reserve(countRows(*top) + 1);
    Entry root;
    root.node = top->isContainer() ? top : nullptr;
    m_entries.push_back(root);
    // Breadth first, so that the children of each row are contiguous.
    for (size_t id = 0; id < m_entries.size(); ++id) {
        const Entry entry = m_entries[id];
        if (entry.isDimension())
            continue;
        std::vector<Entry> children;
        if (id == kRootId && !entry.node) {
            children.push_back(Entry{top, -1, 0, 0, 0, 0, 0});
        } else if (entry.node->kind == spec::ExportNode::Kind::Tensor) {
            for (int d = 0; d < rowsUnder(*entry.node); ++d)
                children.push_back(Entry{entry.node, d, static_cast<int>(id), d, 0, 0, 0});
        } else {
            for (int i = 0; i < entry.node->childCount(); ++i)
                children.push_back(
                    Entry{entry.node->child(i), -1, static_cast<int>(id), i, 0, 0, 0});
        }
        m_entries[id].firstChild = static_cast<int>(m_entries.size());
        m_entries[id].childCount = static_cast<int>(children.size());
        for (const Entry& child : children) {
            if (!child.isDimension() && child.node->kind == spec::ExportNode::Kind::Tensor)
                m_tensorRows[static_cast<size_t>(child.node->tensorIndex)] =
                    static_cast<int>(m_entries.size());
            m_entries.push_back(child);
        }
    }
    // Children come after their parent: one backward pass sums the subtrees.
    for (size_t id = m_entries.size(); id-- > 0;) {
        Entry& e = m_entries[id];
        if (!e.isDimension() && e.node && e.node->kind == spec::ExportNode::Kind::Tensor)
            e.tensorsBelow += 1;
        if (e.parent >= 0)
            m_entries[static_cast<size_t>(e.parent)].tensorsBelow += e.tensorsBelow;
    }
}

int RowIndex::tensorRowId(int tensorIndex) const {
    if (tensorIndex < 0 || tensorIndex >= static_cast<int>(m_tensorRows.size()))
        return -1;
    return m_tensorRows[static_cast<size_t>(tensorIndex)];
}

} // namespace ds::itemmodels
