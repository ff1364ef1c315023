#include "SpecAligner.h"

namespace ds::spec {

namespace {

QString childPath(const QString& path, const QString& part) {
    return path.isEmpty() ? part : path + QLatin1Char('.') + part;
}

QString pyKindName(const text::PyValue& v) {
    switch (v.kind()) {
    case text::PyValue::Kind::None:
        return QStringLiteral("None");
    case text::PyValue::Kind::Bool:
        return QStringLiteral("a bool");
    case text::PyValue::Kind::Int:
        return QStringLiteral("an int");
    case text::PyValue::Kind::Float:
        return QStringLiteral("a float");
    case text::PyValue::Kind::Str:
        return QStringLiteral("a string");
    case text::PyValue::Kind::List:
        return QStringLiteral("a list");
    case text::PyValue::Kind::Tuple:
        return QStringLiteral("a tuple");
    case text::PyValue::Kind::Dict:
        return QStringLiteral("a dict");
    case text::PyValue::Kind::Dim:
    case text::PyValue::Kind::DimHint:
    case text::PyValue::Kind::Derived:
        return QStringLiteral("a Dim");
    case text::PyValue::Kind::Name:
        return QStringLiteral("a name");
    }
    return QString();
}

std::optional<qint64> intField(const text::PyValue& d, const char* key) {
    text::PyValue::Ptr v = d.valueForString(QLatin1String(key));
    if (v && v->kind() == text::PyValue::Kind::Int)
        return v->intValue();
    return std::nullopt;
}

class Aligner {
public:
    Aligner(const ExportTree& tree, SpecSource source)
        : m_tree(tree), m_source(source), m_spec(tree) {
        m_decided.resize(static_cast<size_t>(tree.tensorCount()));
        for (int t = 0; t < tree.tensorCount(); ++t)
            m_decided[static_cast<size_t>(t)].assign(
                static_cast<size_t>(tree.tensorNode(t)->tensor().rank()), false);
    }

    AlignedSpec run(const text::PyValue& value) {
        align(*m_tree.root(), value, QString());
        AlignedSpec result{m_spec, m_issues, m_otherLayout, {}};
        for (size_t t = 0; t < m_decided.size(); ++t)
            for (size_t d = 0; d < m_decided[t].size(); ++d)
                if (!m_decided[t][d])
                    result.unaligned.push_back({static_cast<int>(t), static_cast<int>(d)});
        return result;
    }

private:
    void decide(int tensor, int dim, bool decided) {
        m_decided[static_cast<size_t>(tensor)][static_cast<size_t>(dim)] = decided;
    }
    // None over a container: every tensor below is static, which is a decision.
    void decideSubtree(const ExportNode& node) {
        if (node.kind == ExportNode::Kind::Tensor)
            for (int d = 0; d < node.tensor().rank(); ++d)
                decide(node.tensorIndex, d, true);
        for (const auto& c : node.children)
            decideSubtree(*c);
    }

    void issue(const QString& path, const QString& message) { m_issues.push_back({path, message}); }

    // A dimension's value: None/int static, 'name', Dim(...), Dim.HINT, A*x+B,
    // and in JSON {"name"|"hint"|"derived": ...}.
    std::optional<DimSpec> dimFrom(const text::PyValue& v, const QString& path, int dim) {
        switch (v.kind()) {
        case text::PyValue::Kind::None:
            return DimSpec::makeStatic();
        case text::PyValue::Kind::Int: {
            DimSpec s;
            s.fixedValue = v.intValue();
            return s;
        }
        case text::PyValue::Kind::Str:
            return DimSpec::named(v.text());
        case text::PyValue::Kind::Dim:
            return DimSpec::named(v.text(), v.min(), v.max());
        case text::PyValue::Kind::DimHint:
            if (auto h = hintFromName(v.text()))
                return DimSpec::makeHint(*h, v.min(), v.max());
            break;
        case text::PyValue::Kind::Derived:
            return DimSpec::derived(v.base()->text(), v.mul(), v.add());
        case text::PyValue::Kind::Dict:
            if (m_source == SpecSource::Json)
                if (auto s = dimFromJsonObject(v))
                    return s;
            break;
        default:
            break;
        }
        issue(
            path,
            QStringLiteral("dimension %1: %2 is not a dimension spec").arg(dim).arg(pyKindName(v)));
        return std::nullopt;
    }

    static std::optional<DimSpec> dimFromJsonObject(const text::PyValue& d) {
        if (text::PyValue::Ptr name = d.valueForString(QStringLiteral("name"));
            name && name->kind() == text::PyValue::Kind::Str)
            return DimSpec::named(name->text(), intField(d, "min"), intField(d, "max"));
        if (text::PyValue::Ptr hint = d.valueForString(QStringLiteral("hint"));
            hint && hint->kind() == text::PyValue::Kind::Str)
            if (auto h = hintFromName(hint->text()))
                return DimSpec::makeHint(*h, intField(d, "min"), intField(d, "max"));
        if (text::PyValue::Ptr base = d.valueForString(QStringLiteral("derived"));
            base && base->kind() == text::PyValue::Kind::Str)
            return DimSpec::derived(base->text(), intField(d, "mul").value_or(1),
                                    intField(d, "add").value_or(0));
        return std::nullopt;
    }

    void alignTensor(const ExportNode& node, const text::PyValue& v, const QString& path) {
        const int rank = node.tensor().rank();
        auto set = [&](int d, const text::PyValue& dv) {
            if (auto s = dimFrom(dv, path, d))
                m_spec.setDim({node.tensorIndex, d}, *s);
            else
                decide(node.tensorIndex, d, false);
        };
        if (v.kind() == text::PyValue::Kind::None) {
            decideSubtree(node);
            return;
        }
        if (v.kind() == text::PyValue::Kind::Dict) {
            decideSubtree(node); // dimensions left out of the dict are static

            for (int i = 0; i < v.size(); ++i) {
                const text::PyValue& key = *v.keys()[static_cast<size_t>(i)];
                bool ok = key.kind() == text::PyValue::Kind::Int;
                qint64 d = ok ? key.intValue() : -1;
                if (!ok && key.kind() == text::PyValue::Kind::Str && m_source == SpecSource::Json)
                    d = key.text().toLongLong(&ok);
                if (!ok) {
                    issue(path, QStringLiteral(
                                    "a tensor's spec is keyed by dimension index, found key %1")
                                    .arg(key.repr()));
                    continue;
                }
                if (d < 0 || d >= rank) {
                    issue(path,
                          QStringLiteral("dimension %1 is beyond the tensor's rank %2 (shape %3)")
                              .arg(d)
                              .arg(rank)
                              .arg(shapeText(node.tensor())));
                    continue;
                }
                set(static_cast<int>(d), *v.items()[static_cast<size_t>(i)]);
            }
            return;
        }
        if (v.kind() == text::PyValue::Kind::List || v.kind() == text::PyValue::Kind::Tuple) {
            if (v.size() != rank) {
                issue(path, QStringLiteral("%1 of %2 items for a tensor of rank %3")
                                .arg(pyKindName(v))
                                .arg(v.size())
                                .arg(rank));
            }
            for (int d = 0; d < std::min(rank, v.size()); ++d) {
                decide(node.tensorIndex, d, true);
                set(d, *v.items()[static_cast<size_t>(d)]);
            }
            return;
        }
        issue(path, QStringLiteral("expected a dict of dimensions for a tensor, found %1")
                        .arg(pyKindName(v)));
    }

    static QString shapeText(const TensorInfo& t) {
        QStringList dims;
        for (qint64 d : t.shape)
            dims << QString::number(d);
        return QLatin1Char('(') + dims.join(QStringLiteral(", ")) + QLatin1Char(')');
    }

    // The layout, other than the tree's, in which the spec of a cache node has
    // exactly the cache's structure; nullopt when none has. Layouts are tried
    // by flattening the cache again, so no layout is known here by its shape.
    std::optional<caches::CacheLayout> otherLayoutFitting(const ExportNode& node,
                                                          const text::PyValue& v) const {
        if (node.cacheClass.isEmpty())
            return std::nullopt;
        for (caches::CacheLayout layout : caches::kAllLayouts) {
            if (layout == m_tree.layout())
                continue;
            const ExportTree other(node.source, layout);
            if (fitsStructure(*other.root(), v))
                return layout;
        }
        return std::nullopt;
    }

    void align(const ExportNode& node, const text::PyValue& v, const QString& path) {
        switch (node.kind) {
        case ExportNode::Kind::Tensor:
            alignTensor(node, v, path);
            return;
        case ExportNode::Kind::Leaf:
            // A counter takes a hint (Dim.DYNAMIC) or an int, as export does.
            if (node.counter &&
                (v.kind() == text::PyValue::Kind::DimHint || v.kind() == text::PyValue::Kind::Int))
                return;
            if (v.kind() != text::PyValue::Kind::None)
                issue(path, QStringLiteral("%1 given for a non-tensor value (%2): it takes None")
                                .arg(pyKindName(v))
                                .arg(kindName(node.source->kind())));
            return;
        case ExportNode::Kind::Dict:
            alignDict(node, v, path);
            return;
        case ExportNode::Kind::List:
        case ExportNode::Kind::Tuple:
            alignSequence(node, v, path);
            return;
        }
    }

    void alignDict(const ExportNode& node, const text::PyValue& v, const QString& path) {
        if (v.kind() == text::PyValue::Kind::None) {
            decideSubtree(node); // everything below is static
            return;
        }
        if (v.kind() != text::PyValue::Kind::Dict) {
            issue(path, QStringLiteral("wrong container kind: expected a dict, found %1")
                            .arg(pyKindName(v)));
            return;
        }
        std::vector<bool> used(v.keys().size(), false);
        for (const auto& c : node.children) {
            int found = -1;
            for (size_t i = 0; i < v.keys().size(); ++i) {
                const text::PyValue& k = *v.keys()[i];
                const bool match =
                    c->key.isInt ? ((k.kind() == text::PyValue::Kind::Int ||
                                     k.kind() == text::PyValue::Kind::Bool) &&
                                    k.intValue() == c->key.intValue) ||
                                       (m_source == SpecSource::Json &&
                                        k.kind() == text::PyValue::Kind::Str &&
                                        k.text() == c->key.toString())
                                 : k.kind() == text::PyValue::Kind::Str && k.text() == c->key.text;
                if (match) {
                    found = static_cast<int>(i);
                    break;
                }
            }
            const QString cpath = childPath(path, c->key.toString());
            if (found < 0) {
                issue(cpath, QStringLiteral("missing key %1")
                                 .arg(text::pythonStringRepr(c->key.toString())));
                continue;
            }
            used[static_cast<size_t>(found)] = true;
            align(*c, *v.items()[static_cast<size_t>(found)], cpath);
        }
        for (size_t i = 0; i < used.size(); ++i)
            if (!used[i])
                issue(childPath(path, v.keys()[i]->kind() == text::PyValue::Kind::Str
                                          ? v.keys()[i]->text()
                                          : v.keys()[i]->repr()),
                      QStringLiteral("extra key %1: the inputs have no such key")
                          .arg(v.keys()[i]->repr()));
    }

    void alignSequence(const ExportNode& node, const text::PyValue& v, const QString& path) {
        if (v.kind() == text::PyValue::Kind::None) {
            decideSubtree(node);
            return;
        }
        const bool isSeq =
            v.kind() == text::PyValue::Kind::List || v.kind() == text::PyValue::Kind::Tuple;
        if (!isSeq) {
            issue(path, QStringLiteral("wrong container kind: expected %1, found %2")
                            .arg(describeNodeKind(node), pyKindName(v)));
            return;
        }
        if (const auto other =
                fitsStructure(node, v) ? std::nullopt : otherLayoutFitting(node, v)) {
            m_otherLayout = *other;
            issue(path, QStringLiteral(
                            "the spec of this %1 is in the %2 layout; read it with --layout %2")
                            .arg(node.cacheClass, caches::layoutName(*other)));
            return;
        }
        const bool wantTuple = node.kind == ExportNode::Kind::Tuple;
        const bool haveTuple = v.kind() == text::PyValue::Kind::Tuple;
        // A cache is a list in the spec; JSON has no tuples at all.
        if (m_source == SpecSource::Python && wantTuple != haveTuple && node.cacheClass.isEmpty())
            issue(path, QStringLiteral("wrong container kind: expected %1, found %2")
                            .arg(describeNodeKind(node), pyKindName(v)));
        if (v.size() != node.childCount())
            issue(path, QStringLiteral("%1 of %2 items where the inputs have %3")
                            .arg(pyKindName(v))
                            .arg(v.size())
                            .arg(node.childCount()));
        const int n = std::min(v.size(), node.childCount());
        for (int i = 0; i < n; ++i)
            align(*node.child(i), *v.items()[static_cast<size_t>(i)],
                  childPath(path, QString::number(i)));
    }

    // Whether `v` has exactly the structure of `node`: containers of the same
    // kind and length all the way down, a dict (or None) for each tensor.
    static bool fitsStructure(const ExportNode& node, const text::PyValue& v) {
        using Kind = text::PyValue::Kind;
        const bool isSeq = v.kind() == Kind::List || v.kind() == Kind::Tuple;
        switch (node.kind) {
        case ExportNode::Kind::Tensor:
            return v.kind() == Kind::Dict || v.kind() == Kind::None ||
                   (isSeq && v.size() == node.tensor().rank());
        case ExportNode::Kind::Leaf:
            return v.kind() == Kind::None ||
                   (node.counter && (v.kind() == Kind::DimHint || v.kind() == Kind::Int));
        case ExportNode::Kind::Dict:
            return v.kind() == Kind::Dict && v.size() == node.childCount();
        case ExportNode::Kind::List:
        case ExportNode::Kind::Tuple:
            break;
        }
        if (!isSeq || v.size() != node.childCount())
            return false;
        for (int i = 0; i < node.childCount(); ++i)
            if (!fitsStructure(*node.child(i), *v.items()[static_cast<size_t>(i)]))
                return false;
        return true;
    }

    const ExportTree& m_tree;
    SpecSource m_source;
    ShapeSpec m_spec;
    std::vector<StructureIssue> m_issues;
    std::optional<caches::CacheLayout> m_otherLayout;
    std::vector<std::vector<bool>> m_decided; // per tensor, per dimension
};

} // namespace

bool AlignedSpec::isAligned(DimRef ref) const {
    for (const DimRef& u : unaligned)
        if (u == ref)
            return false;
    return true;
}

AlignedSpec alignSpec(const ExportTree& tree, const text::PyValue& value, SpecSource source) {
    return Aligner(tree, source).run(value);
}

} // namespace ds::spec
