#include "ExportTree.h"

#include "text/PythonRepr.h"

#include <algorithm>

namespace ds::spec {

QString ExportNode::path() const {
    QStringList parts;
    for (const ExportNode* n = this; n && n->parent; n = n->parent)
        parts.prepend(n->key.toString());
    return parts.join(QLatin1Char('.'));
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
    m_root = build(m_inputs, QString());
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
                                                   const QString& flatName, const QString& label) {
    auto node = std::make_unique<ExportNode>();
    node->kind = ExportNode::Kind::Tensor;
    node->source = value;
    node->tensorIndex = static_cast<int>(m_tensors.size());
    node->flatName = flatName;
    node->label = label;
    m_tensors.push_back(node.get());
    return node;
}

std::unique_ptr<ExportNode> ExportTree::build(const InputValue::Ptr& value,
                                              const QString& flatPrefix) {
    if (!value) {
        auto node = std::make_unique<ExportNode>();
        node->source = InputValue::none();
        return node;
    }
    switch (value->kind()) {
    case ValueKind::Tensor:
        return tensorLeaf(value, flatPrefix.isEmpty() ? QStringLiteral("input") : flatPrefix,
                          QString());
    case ValueKind::Dict: {
        auto node = std::make_unique<ExportNode>();
        node->kind = ExportNode::Kind::Dict;
        node->source = value;
        for (size_t i = 0; i < value->keys().size(); ++i) {
            const Key& key = value->keys()[i];
            adopt(*node, build(value->items()[i], joinName(flatPrefix, key.toString())), key);
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
            adopt(*node, build(value->at(i), numberedName(prefix, i)), Key::integer(i));
        return node;
    }
    case ValueKind::Object:
        if (auto cache = caches::recognizeCache(*value)) {
            auto node = std::make_unique<ExportNode>();
            node->kind = ExportNode::Kind::List;
            node->source = value;
            node->cacheClass = cache->className;
            addCacheChildren(*node, *cache, flatPrefix, QString());
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

void ExportTree::addCacheChildren(ExportNode& node, const caches::CacheView& cache,
                                  const QString& flatBase, const QString& role) {
    if (cache.kind == caches::CacheView::Kind::EncoderDecoder) {
        // optimum names: past_key_values.0.decoder.key / past_key_values.0.encoder.key
        const struct {
            const InputValue::Ptr& part;
            const char* label;
            const char* flatRole;
        } parts[] = {{cache.selfAttention, "self_attention_cache", "decoder"},
                     {cache.crossAttention, "cross_attention_cache", "encoder"}};
        int index = 0;
        for (const auto& p : parts) {
            const auto inner = caches::recognizeCache(*p.part);
            auto child = std::make_unique<ExportNode>();
            child->kind = ExportNode::Kind::List;
            child->source = p.part;
            child->cacheClass = inner ? inner->className : QString();
            child->label = QLatin1String(p.label);
            if (inner)
                addCacheChildren(*child, *inner, flatBase, QLatin1String(p.flatRole));
            adopt(node, std::move(child), Key::integer(index++));
        }
        return;
    }
    // The encoder/decoder role goes between the layer index and key/value.
    auto flatName = [&](int layer, const char* kv) {
        QString name = joinName(flatBase, QString::number(layer));
        if (!role.isEmpty())
            name += QLatin1Char('.') + role;
        return name + QLatin1Char('.') + QLatin1String(kv);
    };
    const int n = static_cast<int>(cache.layers.size());
    if (m_layout == caches::CacheLayout::Transformers) {
        const char* roles[] = {"key", "value"};
        const char* labels[] = {"key_cache", "value_cache"};
        for (int r = 0; r < 2; ++r) {
            auto list = std::make_unique<ExportNode>();
            list->kind = ExportNode::Kind::List;
            list->source = InputValue::list();
            list->label = QLatin1String(labels[r]);
            for (int i = 0; i < n; ++i) {
                const auto& layer = cache.layers[static_cast<size_t>(i)];
                auto leaf =
                    tensorLeaf(r == 0 ? layer.key : layer.value, flatName(i, roles[r]),
                               QStringLiteral("layer %1 %2").arg(i).arg(QLatin1String(roles[r])));
                adopt(*list, std::move(leaf), Key::integer(i));
            }
            adopt(node, std::move(list), Key::integer(r));
        }
        return;
    }
    int index = 0;
    for (int i = 0; i < n; ++i) {
        const auto& layer = cache.layers[static_cast<size_t>(i)];
        adopt(node,
              tensorLeaf(layer.key, flatName(i, "key"), QStringLiteral("layer %1 key").arg(i)),
              Key::integer(index++));
        adopt(
            node,
            tensorLeaf(layer.value, flatName(i, "value"), QStringLiteral("layer %1 value").arg(i)),
            Key::integer(index++));
    }
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

} // namespace ds::spec
