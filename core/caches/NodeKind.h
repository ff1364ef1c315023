#pragma once

#include "CacheLayout.h"
#include "InputValue.h"

#include <functional>
#include <vector>

namespace ds::caches {

// Where the legacy dynamic_axes names of a node's tensors start
// ("past_key_values"), and inside an encoder-decoder cache the role that goes
// between the layer index and key/value ("decoder": past_key_values.0.decoder.key).
struct FlatNaming {
    QString base;
    QString role;
};

// One child of a node as export flattens it.
struct FlatChild {
    // What the child is: a value the flattening visits in turn (a tensor, a
    // layer, another cache), or, when null, a list that exists only in the
    // flattening (the transformers layout's [k0, k1, ...]) holding `group`.
    InputValue::Ptr value;
    std::vector<FlatChild> group;
    QString label; // how the tree names the child: "key_cache", "layer 0 key", ...
    // The key torch's pytree gives the child ('key_cache', 'keys', ...), as
    // in its messages (L['past_key_values']['key_cache'][0]); empty for an
    // index ([0]).
    QString pytreeKey;
    FlatNaming naming; // the child's legacy names
    // An int (or a one-element tensor) the model advances between calls
    // (a sliding window's cumulative_length): the spec gives an int
    // Dim.DYNAMIC, since None would freeze it and a named Dim is refused.
    bool counter = false;
};

using RenderValue = std::function<QString(const InputValue&)>;

// A kind of object torch.export flattens as a pytree node of its own: the
// transformers caches of every era. Each kind is described once, here, by how
// it is recognised, what its children are in each layout and how
// onnx-diagnostic prints it; the export tree, the type string writer and the
// spec readers ask the registry (NodeKinds.h) and know no kind by name. A new
// kind is one more description.
class NodeKind {
public:
    virtual ~NodeKind() = default;

    // Whether `value` (an object) is of this kind, from its fields, never
    // from a version number.
    virtual bool matches(const InputValue& value) const = 0;
    // The class the tree and messages name ("DynamicCache").
    virtual QString className(const InputValue& value) const { return value.shortClassName(); }
    // The node's children in `layout`, in flattening order.
    virtual std::vector<FlatChild> children(const InputValue& value, CacheLayout layout,
                                            const FlatNaming& naming) const = 0;
    // onnx-diagnostic's string_type of the value; `render` prints a child value.
    virtual QString typeString(const InputValue& value, const RenderValue& render) const = 0;
};

} // namespace ds::caches
