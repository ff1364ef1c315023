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

    // Whether a cache's spec has the shape of the other layout.
    bool fitsOtherLayout(const ExportNode& node, const text::PyValue& v) const {
        if (node.cacheClass.isEmpty() ||
            (v.kind() != text::PyValue::Kind::List && v.kind() != text::PyValue::Kind::Tuple))
            return false;
        int tensors = 0;
        for (const auto& c : node.children)
            tensors += c->kind == ExportNode::Kind::Tensor ? 1 : c->childCount();
        auto isTensorSpec = [](const text::PyValue& x) {
            return x.kind() == text::PyValue::Kind::Dict || x.kind() == text::PyValue::Kind::None;
        };
        if (m_tree.layout() == caches::CacheLayout::Transformers) {
            // flat: 2N tensor specs
            if (v.size() != tensors)
                return false;
            for (const auto& item : v.items())
                if (!isTensorSpec(*item))
                    return false;
            return true;
        }
        // transformers: [[k...], [v...]]
        if (v.size() != 2)
            return false;
        int total = 0;
        for (const auto& item : v.items()) {
            if (item->kind() != text::PyValue::Kind::List &&
                item->kind() != text::PyValue::Kind::Tuple)
                return false;
            total += item->size();
        }
        return total == tensors;
    }

    void align(const ExportNode& node, const text::PyValue& v, const QString& path) {
        switch (node.kind) {
        case ExportNode::Kind::Tensor:
            alignTensor(node, v, path);
            return;
        case ExportNode::Kind::Leaf:
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
                    c->key.isInt ? (k.kind() == text::PyValue::Kind::Int &&
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
        if (fitsOtherLayout(node, v) && !fitsThisLayout(node, v)) {
            const caches::CacheLayout other = m_tree.layout() == caches::CacheLayout::Transformers
                                                  ? caches::CacheLayout::Flat
                                                  : caches::CacheLayout::Transformers;
            m_otherLayout = other;
            issue(path, QStringLiteral(
                            "the spec of this %1 is in the %2 layout; read it with --layout %2")
                            .arg(node.cacheClass, layoutName(other)));
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

    // The value has the exact shape of this layout (so there is nothing to say).
    bool fitsThisLayout(const ExportNode& node, const text::PyValue& v) const {
        if (v.size() != node.childCount())
            return false;
        for (int i = 0; i < node.childCount(); ++i) {
            const ExportNode& c = *node.child(i);
            const text::PyValue& item = *v.items()[static_cast<size_t>(i)];
            const bool itemIsSeq = item.kind() == text::PyValue::Kind::List ||
                                   item.kind() == text::PyValue::Kind::Tuple;
            if (c.kind == ExportNode::Kind::Tensor && itemIsSeq)
                return false;
            if (c.kind != ExportNode::Kind::Tensor && c.isContainer() &&
                (!itemIsSeq || item.size() != c.childCount()))
                return false;
        }
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
