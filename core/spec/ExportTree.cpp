#include "ExportTree.h"

#include "caches/NodeKinds.h"
#include "text/PythonRepr.h"

#include <algorithm>

namespace ds::spec {

QString ExportNode::path() const {
    QStringList parts;
    for (const ExportNode* n = this; n && n->parent; n = n->parent)
        parts.prepend(n->key.toString());
    return parts.join(QLatin1Char('.'));
}

QString ExportNode::pytreeSegment() const {
    if (!pytreeKey.isEmpty())
        return QStringLiteral("['%1']").arg(pytreeKey);
    if (key.isInt)
        return QStringLiteral("[%1]").arg(key.toString());
    return QStringLiteral("['%1']").arg(key.text);
}

QString ExportNode::pytreePath() const {
    QStringList parts;
    for (const ExportNode* n = this; n && n->parent; n = n->parent)
        parts.prepend(n->pytreeSegment());
    return parts.join(QString());
}

QString describeNodeKind(const ExportNode& node) {
    switch (node.kind) {
    case ExportNode::Kind::Dict:
        return QStringLiteral("a dict");
    case ExportNode::Kind::List:
        return node.cacheClass.isEmpty() ? QStringLiteral("a list")
                                         : QStringLiteral("a %1").arg(node.cacheClass);
    case ExportNode::Kind::Tuple:
        return QStringLiteral("a tuple");
    case ExportNode::Kind::Tensor:
        return QStringLiteral("a tensor");
    case ExportNode::Kind::Leaf:
        return QStringLiteral("a non-tensor value");
    }
    return QString();
}

ExportTree::ExportTree(InputValue::Ptr root, caches::CacheLayout layout)
    : m_inputs(std::move(root)), m_layout(layout) {
    m_root = build(m_inputs, {});
}

namespace {

QString joinName(const QString& prefix, const QString& part) {
    return prefix.isEmpty() ? part : prefix + QLatin1Char('.') + part;
}

// prefix + the decimal digits of n, in one allocation: a list of 100,000
// tensors names each of them.
QString numberedName(const QString& prefix, int n) {
    char digits[20];
    const int length = text::writeDecimal(n, digits);
    QString name(prefix.size() + length, Qt::Uninitialized);
    QChar* out = std::copy(prefix.begin(), prefix.end(), name.begin());
    std::copy(digits, digits + length, out);
    return name;
}

void adopt(ExportNode& parent, std::unique_ptr<ExportNode> child, Key key) {
    child->parent = &parent;
    child->key = std::move(key);
    child->indexInParent = parent.childCount();
    parent.children.push_back(std::move(child));
}

} // namespace

std::unique_ptr<ExportNode> ExportTree::tensorLeaf(const InputValue::Ptr& value,
                                                   const QString& flatName) {
    auto node = std::make_unique<ExportNode>();
    node->kind = ExportNode::Kind::Tensor;
    node->source = value;
    node->tensorIndex = static_cast<int>(m_tensors.size());
    node->flatName = flatName;
    m_tensors.push_back(node.get());
    return node;
}

std::unique_ptr<ExportNode> ExportTree::build(const InputValue::Ptr& value,
                                              const caches::FlatNaming& naming) {
    const QString& flatPrefix = naming.base;
    if (!value) {
        auto node = std::make_unique<ExportNode>();
        node->source = InputValue::none();
        return node;
    }
    switch (value->kind()) {
    case ValueKind::Tensor:
        return tensorLeaf(value, flatPrefix.isEmpty() ? QStringLiteral("input") : flatPrefix);
    case ValueKind::Dict: {
        auto node = std::make_unique<ExportNode>();
        node->kind = ExportNode::Kind::Dict;
        node->source = value;
        for (size_t i = 0; i < value->keys().size(); ++i) {
            const Key& key = value->keys()[i];
            adopt(*node, build(value->items()[i], {joinName(flatPrefix, key.toString()), {}}), key);
        }
        return node;
    }
    case ValueKind::List:
    case ValueKind::Tuple: {
        auto node = std::make_unique<ExportNode>();
        node->kind =
            value->kind() == ValueKind::List ? ExportNode::Kind::List : ExportNode::Kind::Tuple;
        node->source = value;
        // Positional inputs at the top level are named input_0, input_1, ...
        const QString prefix = flatPrefix.isEmpty() ? QStringLiteral("input_") : flatPrefix + '.';
        node->children.reserve(static_cast<size_t>(value->size()));
        for (int i = 0; i < value->size(); ++i)
            adopt(*node, build(value->at(i), {numberedName(prefix, i), {}}), Key::integer(i));
        return node;
    }
    case ValueKind::Object:
        // Caches and the other node kinds flatten to a list of their children
        // in the tree's layout (core/caches describes each kind).
        if (const caches::NodeKind* nodeKind = caches::findNodeKind(*value)) {
            auto node = std::make_unique<ExportNode>();
            node->kind = ExportNode::Kind::List;
            node->source = value;
            node->cacheClass = nodeKind->className(*value);
            int index = 0;
            for (const caches::FlatChild& child : nodeKind->children(*value, m_layout, naming))
                adopt(*node, buildChild(child), Key::integer(index++));
            return node;
        }
        [[fallthrough]];
    default: {
        // None, scalars, strings and objects torch.export cannot flatten: the
        // spec holds None for them.
        auto node = std::make_unique<ExportNode>();
        node->kind = ExportNode::Kind::Leaf;
        node->source = value;
        return node;
    }
    }
}

std::unique_ptr<ExportNode> ExportTree::buildChild(const caches::FlatChild& child) {
    std::unique_ptr<ExportNode> node;
    if (child.value) {
        node = build(child.value, child.naming);
    } else {
        // A list the flattening makes up (the transformers layout's [k0, k1, ...]).
        node = std::make_unique<ExportNode>();
        node->kind = ExportNode::Kind::List;
        node->source = InputValue::list();
        int index = 0;
        for (const caches::FlatChild& item : child.group)
            adopt(*node, buildChild(item), Key::integer(index++));
    }
    node->label = child.label;
    node->pytreeKey = child.pytreeKey;
    node->counter = child.counter && node->kind == ExportNode::Kind::Leaf;
    return node;
}

const ExportNode* ExportTree::find(const QString& path) const {
    const ExportNode* node = m_root.get();
    if (path.isEmpty())
        return node;
    for (const QString& part : path.split(QLatin1Char('.'))) {
        const ExportNode* next = nullptr;
        for (const auto& c : node->children)
            if (c->key.toString() == part)
                next = c.get();
        if (!next)
            return nullptr;
        node = next;
    }
    return node;
}

const ExportNode* ExportTree::findPytreePath(const std::vector<QString>& parts,
                                             const std::vector<bool>& isIndex) const {
    const ExportNode* node = m_root.get();
    for (size_t i = 0; i < parts.size() && node; ++i) {
        const QString& part = parts[i];
        const bool index = i < isIndex.size() && isIndex[i];
        const ExportNode* next = nullptr;
        for (const auto& c : node->children) {
            const bool matches =
                index ? c->pytreeKey.isEmpty() && c->key.isInt &&
                            QString::number(c->key.intValue) == part
                      : (c->pytreeKey.isEmpty() ? !c->key.isInt && c->key.text == part
                                                : c->pytreeKey == part);
            if (matches) {
                next = c.get();
                break;
            }
        }
        node = next;
    }
    return node;
}

} // namespace ds::spec
