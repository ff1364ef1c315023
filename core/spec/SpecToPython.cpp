#include "SpecToPython.h"

namespace ds::spec {

QString variableNameFor(const QString& dimName) {
    QString v;
    for (QChar c : dimName)
        v += (c.isLetterOrNumber() || c == QLatin1Char('_')) ? c : QLatin1Char('_');
    if (v.isEmpty() || v[0].isDigit())
        v.prepend(QLatin1String("dim_"));
    if (!text::isPythonIdentifier(v))
        v += QLatin1Char('_');
    return v;
}

namespace {

text::PyValue::Ptr dimValue(const DimSpec& s, NameStyle style) {
    switch (s.kind) {
    case DimSpec::Kind::Static:
        return nullptr;
    case DimSpec::Kind::Named:
        if (style == NameStyle::Variables)
            return text::PyValue::name(variableNameFor(s.name));
        if (style == NameStyle::Strings && s.hasBounds())
            return text::PyValue::dim(s.name, s.min, s.max);
        return text::PyValue::string(s.name);
    case DimSpec::Kind::Hint:
        return text::PyValue::dimHint(hintName(s.hint), s.min, s.max);
    case DimSpec::Kind::Derived: {
        text::PyValue::Ptr base = style == NameStyle::Variables
                                      ? text::PyValue::name(variableNameFor(s.name))
                                      : text::PyValue::dim(s.name);
        return text::PyValue::derived(base, s.mul, s.add);
    }
    }
    return nullptr;
}

// The dimension indices, which key every tensor's dict: ints are never
// changed once made, so one value per index serves a spec of any size.
class DimKeys {
public:
    const text::PyValue::Ptr& at(size_t d) {
        while (m_keys.size() <= d)
            m_keys.push_back(text::PyValue::integer(static_cast<qint64>(m_keys.size())));
        return m_keys[d];
    }

private:
    std::vector<text::PyValue::Ptr> m_keys;
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

text::PyValue::Ptr build(const ExportNode& node, const std::shared_ptr<BuildContext>& context) {
    BuildContext& c = *context;
    const bool lazy = c.lazy && node.childCount() > kLazyFrom;
    switch (node.kind) {
    case ExportNode::Kind::Tensor: {
        text::PyValue::Ptr dims = text::PyValue::dict();
        if (node.tensorIndex < c.spec.tensorCount()) {
            const auto& specs = c.spec.tensorDims(node.tensorIndex);
            dims->reserve(static_cast<int>(specs.size()));
            for (size_t d = 0; d < specs.size(); ++d)
                if (text::PyValue::Ptr v = dimValue(specs[d], c.style))
                    dims->appendItem(c.dimKeys.at(d), std::move(v));
        }
        return dims;
    }
    case ExportNode::Kind::Dict: {
        std::vector<text::PyValue::Ptr> keys;
        keys.reserve(node.children.size());
        for (const auto& child : node.children)
            keys.push_back(child->key.isBool  ? text::PyValue::boolean(child->key.intValue != 0)
                           : child->key.isInt ? text::PyValue::integer(child->key.intValue)
                                              : text::PyValue::string(child->key.text));
        if (lazy)
            return text::PyValue::lazyDict(std::move(keys), [&node, context](int i) {
                return build(*node.child(i), context);
            });
        text::PyValue::Ptr d = text::PyValue::dict();
        d->reserve(node.childCount());
        for (int i = 0; i < node.childCount(); ++i)
            d->appendItem(keys[static_cast<size_t>(i)], build(*node.child(i), context));
        return d;
    }
    case ExportNode::Kind::List:
    case ExportNode::Kind::Tuple: {
        const text::PyValue::Kind kind = node.kind == ExportNode::Kind::List
                                             ? text::PyValue::Kind::List
                                             : text::PyValue::Kind::Tuple;
        if (lazy)
            return text::PyValue::lazySequence(kind, node.childCount(), [&node, context](int i) {
                return build(*node.child(i), context);
            });
        std::vector<text::PyValue::Ptr> items;
        items.reserve(node.children.size());
        for (const auto& child : node.children)
            items.push_back(build(*child, context));
        return kind == text::PyValue::Kind::List ? text::PyValue::list(std::move(items))
                                                 : text::PyValue::tuple(std::move(items));
    }
    case ExportNode::Kind::Leaf:
        // An int counter stays dynamic: None would freeze it to the example.
        return node.counter ? text::PyValue::dimHint(QStringLiteral("DYNAMIC"))
                            : text::PyValue::none();
    }
    return text::PyValue::none();
}

} // namespace

text::PyValue::Ptr specToPython(const ExportTree& tree, const ShapeSpec& spec, NameStyle style) {
    return build(*tree.root(),
                 std::make_shared<BuildContext>(BuildContext{spec, style, false, {}}));
}

text::PyValue::Ptr specToPythonForPrinting(const ExportTree& tree, const ShapeSpec& spec,
                                           NameStyle style) {
    return build(*tree.root(), std::make_shared<BuildContext>(BuildContext{spec, style, true, {}}));
}

} // namespace ds::spec
