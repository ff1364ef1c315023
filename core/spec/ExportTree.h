#pragma once

#include "InputValue.h"
#include "caches/NodeKind.h"

#include <memory>
#include <vector>

namespace ds::spec {

// One node of the inputs as torch.export flattens them: caches already turned
// into lists in the chosen layout. The spec mirrors exactly this structure.
struct ExportNode {
    enum class Kind { Dict, List, Tuple, Tensor, Leaf };

    Kind kind = Kind::Leaf;
    Key key; // in the parent: dict key, or list/tuple index
    ExportNode* parent = nullptr;
    std::vector<std::unique_ptr<ExportNode>> children;
    InputValue::Ptr source; // what the user saved at this place
    int tensorIndex = -1;   // Tensor: position in flattening order
    QString cacheClass;     // a List standing for a cache or another node kind: "DynamicCache"
    QString label;          // how the UI names the node ("key_cache", "layer 0 key", ...)
    QString flatName;       // Tensor: legacy dynamic_axes name ("past_key_values.0.key")
    bool counter = false;   // Leaf: an int the model advances (Dim.DYNAMIC in the spec)
    QString pytreeKey;      // under a node kind: the key torch names it by ('key_cache')

    bool isContainer() const {
        return kind == Kind::Dict || kind == Kind::List || kind == Kind::Tuple;
    }
    const TensorInfo& tensor() const { return source->tensorInfo(); }
    int childCount() const { return static_cast<int>(children.size()); }
    const ExportNode* child(int i) const { return children[static_cast<size_t>(i)].get(); }
    int indexInParent = 0; // set when the node is adopted
    int row() const { return indexInParent; }
    // Dot-separated keys and indices from the root ("past_key_values.0.1").
    QString path() const;
    // The path as torch's pytree writes it (keystr): ['past_key_values']['key_cache'][0].
    QString pytreePath() const;
    // This node's part of it: ['key_cache'] or [0].
    QString pytreeSegment() const;
};

// "a dict", "a list", "a DynamicCache", "a tensor", ... for messages.
QString describeNodeKind(const ExportNode& node);

class ExportTree {
public:
    ExportTree() = default;
    ExportTree(InputValue::Ptr root, caches::CacheLayout layout);

    caches::CacheLayout layout() const { return m_layout; }
    const InputValue::Ptr& inputs() const { return m_inputs; }
    const ExportNode* root() const { return m_root.get(); }
    int tensorCount() const { return static_cast<int>(m_tensors.size()); }
    const ExportNode* tensorNode(int index) const { return m_tensors[static_cast<size_t>(index)]; }
    // Dot path -> node; nullptr when absent.
    const ExportNode* find(const QString& path) const;
    // A pytree path as torch writes it in its messages (L['a']['key_cache'][0]):
    // dict keys, a node kind's child keys, and indices; nullptr when absent.
    const ExportNode* findPytreePath(const std::vector<QString>& parts,
                                     const std::vector<bool>& isIndex) const;

private:
    std::unique_ptr<ExportNode> build(const InputValue::Ptr& value,
                                      const caches::FlatNaming& naming);
    std::unique_ptr<ExportNode> buildChild(const caches::FlatChild& child);
    std::unique_ptr<ExportNode> tensorLeaf(const InputValue::Ptr& value, const QString& flatName);

    InputValue::Ptr m_inputs;
    caches::CacheLayout m_layout = caches::CacheLayout::Transformers;
    std::unique_ptr<ExportNode> m_root;
    std::vector<const ExportNode*> m_tensors;
};

} // namespace ds::spec
