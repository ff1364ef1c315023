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

PyValue::Ptr build(const ExportNode& node, const ShapeSpec& spec, NameStyle style,
                   DimKeys& dimKeys) {
    switch (node.kind) {
    case ExportNode::Kind::Tensor: {
        PyValue::Ptr dims = PyValue::dict();
        if (node.tensorIndex < spec.tensorCount()) {
            const auto& specs = spec.tensorDims(node.tensorIndex);
            dims->reserve(static_cast<int>(specs.size()));
            for (size_t d = 0; d < specs.size(); ++d)
                if (PyValue::Ptr v = dimValue(specs[d], style))
                    dims->appendItem(dimKeys.at(d), std::move(v));
        }
        return dims;
    }
    case ExportNode::Kind::Dict: {
        PyValue::Ptr d = PyValue::dict();
        for (const auto& c : node.children) {
            PyValue::Ptr key =
                c->key.isInt ? PyValue::integer(c->key.intValue) : PyValue::string(c->key.text);
            d->appendItem(key, build(*c, spec, style, dimKeys));
        }
        return d;
    }
    case ExportNode::Kind::List:
    case ExportNode::Kind::Tuple: {
        std::vector<PyValue::Ptr> items;
        items.reserve(node.children.size());
        for (const auto& c : node.children)
            items.push_back(build(*c, spec, style, dimKeys));
        return node.kind == ExportNode::Kind::List ? PyValue::list(std::move(items))
                                                   : PyValue::tuple(std::move(items));
    }
    case ExportNode::Kind::Leaf:
        return PyValue::none();
    }
    return PyValue::none();
}

} // namespace

PyValue::Ptr specToPython(const ExportTree& tree, const ShapeSpec& spec, NameStyle style) {
    DimKeys dimKeys;
    return build(*tree.root(), spec, style, dimKeys);
}

} // namespace ds
