#include "SpecToPython.h"

namespace ds {

QString variableNameFor(const QString& dimName) {
    QString v;
    for (QChar c : dimName)
        v += (c.isLetterOrNumber() || c == QLatin1Char('_')) ? c : QLatin1Char('_');
    if (v.isEmpty() || v[0].isDigit())
        v.prepend(QLatin1String("dim_"));
    if (!isPythonIdentifier(v))
        v += QLatin1Char('_');
    return v;
}

namespace {

PyValue::Ptr dimValue(const DimSpec& s, NameStyle style) {
    switch (s.kind) {
    case DimSpec::Kind::Static:
        return nullptr;
    case DimSpec::Kind::Named:
        if (style == NameStyle::Variables)
            return PyValue::name(variableNameFor(s.name));
        if (style == NameStyle::Strings && s.hasBounds())
            return PyValue::dim(s.name, s.min, s.max);
        return PyValue::string(s.name);
    case DimSpec::Kind::Hint:
        return PyValue::dimHint(hintName(s.hint), s.min, s.max);
    case DimSpec::Kind::Derived: {
        PyValue::Ptr base = style == NameStyle::Variables ? PyValue::name(variableNameFor(s.name))
                                                          : PyValue::dim(s.name);
        return PyValue::derived(base, s.mul, s.add);
    }
    }
    return nullptr;
}

// The dimension indices, which key every tensor's dict: ints are never
// changed once made, so one value per index serves a spec of any size.
class DimKeys {
public:
    const PyValue::Ptr& at(size_t d) {
        while (m_keys.size() <= d)
            m_keys.push_back(PyValue::integer(static_cast<qint64>(m_keys.size())));
        return m_keys[d];
    }

private:
    std::vector<PyValue::Ptr> m_keys;
};

// Containers with more children than this are made lazy when asked to: the
// printer then holds one child at a time.
constexpr int kLazyFrom = 256;

// What building needs, shared by the lazy containers' item makers.
struct BuildContext {
    const ShapeSpec& spec;
    NameStyle style;
    bool lazy;
    DimKeys dimKeys;
};

PyValue::Ptr build(const ExportNode& node, const std::shared_ptr<BuildContext>& context) {
    BuildContext& c = *context;
    const bool lazy = c.lazy && node.childCount() > kLazyFrom;
    switch (node.kind) {
    case ExportNode::Kind::Tensor: {
        PyValue::Ptr dims = PyValue::dict();
        if (node.tensorIndex < c.spec.tensorCount()) {
            const auto& specs = c.spec.tensorDims(node.tensorIndex);
            dims->reserve(static_cast<int>(specs.size()));
            for (size_t d = 0; d < specs.size(); ++d)
                if (PyValue::Ptr v = dimValue(specs[d], c.style))
                    dims->appendItem(c.dimKeys.at(d), std::move(v));
        }
        return dims;
    }
    case ExportNode::Kind::Dict: {
        std::vector<PyValue::Ptr> keys;
        keys.reserve(node.children.size());
        for (const auto& child : node.children)
            keys.push_back(child->key.isInt ? PyValue::integer(child->key.intValue)
                                            : PyValue::string(child->key.text));
        if (lazy)
            return PyValue::lazyDict(std::move(keys), [&node, context](int i) {
                return build(*node.child(i), context);
            });
        PyValue::Ptr d = PyValue::dict();
        d->reserve(node.childCount());
        for (int i = 0; i < node.childCount(); ++i)
            d->appendItem(keys[static_cast<size_t>(i)], build(*node.child(i), context));
        return d;
    }
    case ExportNode::Kind::List:
    case ExportNode::Kind::Tuple: {
        const PyValue::Kind kind =
            node.kind == ExportNode::Kind::List ? PyValue::Kind::List : PyValue::Kind::Tuple;
        if (lazy)
            return PyValue::lazySequence(kind, node.childCount(), [&node, context](int i) {
                return build(*node.child(i), context);
            });
        std::vector<PyValue::Ptr> items;
        items.reserve(node.children.size());
        for (const auto& child : node.children)
            items.push_back(build(*child, context));
        return kind == PyValue::Kind::List ? PyValue::list(std::move(items))
                                           : PyValue::tuple(std::move(items));
    }
    case ExportNode::Kind::Leaf:
        return PyValue::none();
    }
    return PyValue::none();
}

} // namespace

PyValue::Ptr specToPython(const ExportTree& tree, const ShapeSpec& spec, NameStyle style) {
    return build(*tree.root(),
                 std::make_shared<BuildContext>(BuildContext{spec, style, false, {}}));
}

PyValue::Ptr specToPythonForPrinting(const ExportTree& tree, const ShapeSpec& spec,
                                     NameStyle style) {
    return build(*tree.root(), std::make_shared<BuildContext>(BuildContext{spec, style, true, {}}));
}

} // namespace ds
