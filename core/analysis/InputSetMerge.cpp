#include "InputSetMerge.h"

#include <algorithm>

namespace ds::analysis {

namespace {

struct Present {
    int set;
    const spec::ExportNode* node;
};

QString itemCount(int n) {
    return n == 1 ? QStringLiteral("1 item") : QStringLiteral("%1 items").arg(n);
}

QString shapeText(const TensorInfo& t) {
    QStringList dims;
    for (qint64 d : t.shape)
        dims << QString::number(d);
    return QLatin1Char('(') + dims.join(QStringLiteral(", ")) + QLatin1Char(')');
}

class Agreement {
public:
    explicit Agreement(const std::vector<InputSet>& sets) : m_sets(sets) {}

    Status check(const std::vector<Present>& nodes) {
        const spec::ExportNode& first = *nodes.front().node;
        const QString& firstOrigin = m_sets[static_cast<size_t>(nodes.front().set)].origin;
        const QString where =
            first.path().isEmpty() ? QStringLiteral("the top level") : first.path();
        for (const Present& p : nodes) {
            const spec::ExportNode& n = *p.node;
            const QString& origin = m_sets[static_cast<size_t>(p.set)].origin;
            auto disagree = [&](const QString& mine, const QString& theirs) {
                return Error(
                    QStringLiteral("%1 here, %2 in %3: the input sets must have one structure")
                        .arg(mine, theirs, firstOrigin),
                    where, origin);
            };
            const bool sameKind = n.kind == first.kind && n.cacheClass == first.cacheClass;
            if (!sameKind)
                return disagree(describeNodeKind(n), describeNodeKind(first));
            if (n.kind == spec::ExportNode::Kind::Tensor &&
                n.tensor().rank() != first.tensor().rank())
                return disagree(
                    QStringLiteral("rank %1 %2").arg(n.tensor().rank()).arg(shapeText(n.tensor())),
                    QStringLiteral("rank %1 %2")
                        .arg(first.tensor().rank())
                        .arg(shapeText(first.tensor())));
            if ((n.kind == spec::ExportNode::Kind::List ||
                 n.kind == spec::ExportNode::Kind::Tuple) &&
                n.childCount() != first.childCount())
                return disagree(itemCount(n.childCount()), itemCount(first.childCount()));
        }
        if (first.kind == spec::ExportNode::Kind::Dict)
            return checkDictChildren(nodes);
        for (int i = 0; i < first.childCount(); ++i) {
            std::vector<Present> children;
            for (const Present& p : nodes)
                children.push_back({p.set, p.node->child(i)});
            if (auto s = check(children); !s)
                return s;
        }
        return okStatus();
    }

private:
    Status checkDictChildren(const std::vector<Present>& nodes) {
        std::vector<Key> keys;
        for (const Present& p : nodes)
            for (const auto& c : p.node->children)
                if (std::find(keys.begin(), keys.end(), c->key) == keys.end())
                    keys.push_back(c->key);
        for (const Key& key : keys) {
            std::vector<Present> children;
            for (const Present& p : nodes)
                for (const auto& c : p.node->children)
                    if (c->key == key)
                        children.push_back({p.set, c.get()});
            if (auto s = check(children); !s)
                return s;
        }
        return okStatus();
    }

    const std::vector<InputSet>& m_sets;
};

bool allOfKind(const std::vector<InputValue::Ptr>& values, ValueKind kind) {
    for (const auto& v : values)
        if (!v || v->kind() != kind)
            return false;
    return true;
}

} // namespace

Status checkSetsAgree(const std::vector<const spec::ExportTree*>& trees,
                      const std::vector<InputSet>& sets) {
    std::vector<Present> roots;
    for (size_t i = 0; i < trees.size(); ++i)
        roots.push_back({static_cast<int>(i), trees[i]->root()});
    if (roots.empty())
        return okStatus();
    return Agreement(sets).check(roots);
}

InputValue::Ptr mergeInputSets(const std::vector<InputValue::Ptr>& roots) {
    const InputValue::Ptr& first = roots.front();
    if (allOfKind(roots, ValueKind::Dict)) {
        InputValue::Ptr merged = InputValue::dict();
        merged->setClassName(first->className());
        std::vector<Key> keys;
        for (const auto& r : roots)
            for (const Key& k : r->keys())
                if (std::find(keys.begin(), keys.end(), k) == keys.end())
                    keys.push_back(k);
        for (const Key& k : keys) {
            std::vector<InputValue::Ptr> values;
            for (const auto& r : roots)
                if (InputValue::Ptr v = r->value(k))
                    values.push_back(v);
            merged->appendEntry(k, mergeInputSets(values));
        }
        return merged;
    }
    for (ValueKind kind : {ValueKind::List, ValueKind::Tuple}) {
        if (!allOfKind(roots, kind))
            continue;
        bool sameSize = true;
        for (const auto& r : roots)
            sameSize &= r->size() == first->size();
        if (!sameSize)
            break;
        InputValue::Ptr merged = kind == ValueKind::List ? InputValue::list() : InputValue::tuple();
        for (int i = 0; i < first->size(); ++i) {
            std::vector<InputValue::Ptr> items;
            for (const auto& r : roots)
                items.push_back(r->at(i));
            merged->append(mergeInputSets(items));
        }
        return merged;
    }
    return first;
}

const spec::ExportNode* counterpart(const spec::ExportTree& tree, const spec::ExportNode& node) {
    std::vector<const spec::ExportNode*> chain;
    for (const spec::ExportNode* n = &node; n && n->parent; n = n->parent)
        chain.insert(chain.begin(), n);
    const spec::ExportNode* current = tree.root();
    for (const spec::ExportNode* step : chain) {
        const spec::ExportNode* next = nullptr;
        for (const auto& c : current->children)
            if (c->key == step->key) {
                next = c.get();
                break;
            }
        if (!next)
            return nullptr;
        current = next;
    }
    return current;
}

} // namespace ds::analysis
