#include "PythonRegistration.h"

#include "caches/CacheLayout.h"

#include <QStringList>

namespace ds::spec {

namespace {

struct NodeClasses {
    QStringList classes; // cache, node and layer classes, in first-seen order
    bool onlyPlainDynamicCaches = true;
};

void collect(const ExportNode& node, NodeClasses& out) {
    if (!node.cacheClass.isEmpty()) {
        if (!out.classes.contains(node.cacheClass))
            out.classes << node.cacheClass;
        if (node.cacheClass != QLatin1String("DynamicCache"))
            out.onlyPlainDynamicCaches = false;
        if (node.source && node.source->kind() == ValueKind::Object)
            if (const InputValue::Ptr layers = node.source->field(QStringLiteral("layers")))
                for (const auto& layer : layers->items()) {
                    if (!layer || layer->kind() != ValueKind::Object)
                        continue;
                    const QString name = layer->shortClassName();
                    if (name != QLatin1String("DynamicLayer"))
                        out.onlyPlainDynamicCaches = false;
                    if (!out.classes.contains(name))
                        out.classes << name;
                }
    }
    for (const auto& c : node.children)
        collect(*c, out);
}

} // namespace

QString pythonRegistration(const ExportTree& tree) {
    NodeClasses found;
    collect(*tree.root(), found);
    if (found.classes.isEmpty())
        return QString();
    if (tree.layout() == caches::CacheLayout::Transformers && found.onlyPlainDynamicCaches)
        return QStringLiteral(
            "# The inputs hold a DynamicCache: transformers' own registration flattens it as\n"
            "# [[keys...], [values...]], the layout of this spec.\n"
            "from transformers.integrations.executorch import "
            "register_dynamic_cache_export_support\n"
            "\n"
            "register_dynamic_cache_export_support()\n");
    return QStringLiteral(
               "# The inputs hold %1.\n"
               "# torch.export needs them registered with torch's pytree in the %2 layout\n"
               "# of this spec. DimStudio's registration, the one\n"
               "# `dimstudio verify` uses, keeps every layer's kind and state; write it with\n"
               "#     dimstudio runner -o dimstudio_runner.py\n"
               "import dimstudio_runner\n"
               "\n"
               "dimstudio_runner.register_for(inputs, \"%2\")  # inputs: what you export with\n")
        .arg(found.classes.join(QStringLiteral(", ")), caches::layoutName(tree.layout()));
}

} // namespace ds::spec
