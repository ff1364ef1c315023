#include "SpecJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace ds::spec {

namespace {

QJsonValue dimToJson(const DimSpec& s) {
    switch (s.kind) {
    case DimSpec::Kind::Static:
        return QJsonValue(QJsonValue::Undefined);
    case DimSpec::Kind::Named: {
        if (!s.hasBounds())
            return s.name;
        QJsonObject o{{QStringLiteral("name"), s.name}};
        if (s.min)
            o.insert(QStringLiteral("min"), static_cast<double>(*s.min));
        if (s.max)
            o.insert(QStringLiteral("max"), static_cast<double>(*s.max));
        return o;
    }
    case DimSpec::Kind::Hint: {
        QJsonObject o{{QStringLiteral("hint"), hintName(s.hint)}};
        if (s.min)
            o.insert(QStringLiteral("min"), static_cast<double>(*s.min));
        if (s.max)
            o.insert(QStringLiteral("max"), static_cast<double>(*s.max));
        return o;
    }
    case DimSpec::Kind::Derived:
        return QJsonObject{{QStringLiteral("derived"), s.name},
                           {QStringLiteral("mul"), static_cast<double>(s.mul)},
                           {QStringLiteral("add"), static_cast<double>(s.add)}};
    }
    return QJsonValue();
}

QJsonValue nodeToJson(const ExportNode& node, const ShapeSpec& spec) {
    switch (node.kind) {
    case ExportNode::Kind::Tensor: {
        QJsonObject dims;
        const auto& specs = spec.tensorDims(node.tensorIndex);
        for (size_t d = 0; d < specs.size(); ++d) {
            const QJsonValue v = dimToJson(specs[d]);
            if (!v.isUndefined())
                dims.insert(QString::number(d), v);
        }
        return dims;
    }
    case ExportNode::Kind::Dict: {
        QJsonObject o;
        for (const auto& c : node.children)
            o.insert(c->key.toString(), nodeToJson(*c, spec));
        return o;
    }
    case ExportNode::Kind::List:
    case ExportNode::Kind::Tuple: {
        QJsonArray a;
        for (const auto& c : node.children)
            a.append(nodeToJson(*c, spec));
        return a;
    }
    case ExportNode::Kind::Leaf:
        return QJsonValue(QJsonValue::Null);
    }
    return QJsonValue();
}

text::PyValue::Ptr fromJson(const QJsonValue& v) {
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return text::PyValue::none();
    case QJsonValue::Bool:
        return text::PyValue::boolean(v.toBool());
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (std::floor(d) == d && std::abs(d) < 9.007199254740992e15)
            return text::PyValue::integer(static_cast<qint64>(d));
        return text::PyValue::floating(d);
    }
    case QJsonValue::String:
        return text::PyValue::string(v.toString());
    case QJsonValue::Array: {
        std::vector<text::PyValue::Ptr> items;
        for (const QJsonValue& item : v.toArray())
            items.push_back(fromJson(item));
        return text::PyValue::list(std::move(items));
    }
    case QJsonValue::Object: {
        text::PyValue::Ptr d = text::PyValue::dict();
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            d->appendItem(text::PyValue::string(it.key()), fromJson(it.value()));
        return d;
    }
    }
    return text::PyValue::none();
}

Result<QJsonValue> parseJson(const QByteArray& json) {
    QJsonParseError error;
    // Wrap so that a bare array/scalar parses too.
    const QJsonDocument doc = QJsonDocument::fromJson("[" + json + "\n]", &error);
    if (error.error != QJsonParseError::NoError) {
        const int offset = std::max(0, error.offset - 1);
        const QByteArray before = json.left(offset);
        const int line = before.count('\n') + 1;
        const int column = offset - (before.lastIndexOf('\n') + 1) + 1;
        return Error(QStringLiteral("not valid JSON: %1").arg(error.errorString()),
                     QStringLiteral("line %1, column %2").arg(line).arg(column));
    }
    const QJsonArray wrapper = doc.array();
    if (wrapper.size() != 1)
        return Error(QStringLiteral("not valid JSON: expected one value"));
    return wrapper.first();
}

} // namespace

QByteArray specToJson(const ExportTree& tree, const ShapeSpec& spec) {
    QJsonObject doc{{QStringLiteral("dimstudio_spec"), 1},
                    {QStringLiteral("layout"), layoutName(tree.layout())},
                    {QStringLiteral("dynamic_shapes"), nodeToJson(*tree.root(), spec)}};
    return QJsonDocument(doc).toJson(QJsonDocument::Indented);
}

Result<text::PyValue::Ptr> jsonToPython(const QByteArray& json) {
    auto parsed = parseJson(json);
    if (!parsed)
        return parsed.error();
    return fromJson(parsed.value());
}

Result<SpecDocument> specFromJson(const QByteArray& json) {
    auto parsed = parseJson(json);
    if (!parsed)
        return parsed.error();
    const QJsonValue& root = parsed.value();
    SpecDocument doc;
    if (root.isObject() && root.toObject().contains(QStringLiteral("dimstudio_spec"))) {
        const QJsonObject o = root.toObject();
        const QString layout = o.value(QStringLiteral("layout")).toString();
        if (!layout.isEmpty()) {
            doc.layout = caches::layoutFromName(layout);
            if (!doc.layout)
                return Error(QStringLiteral("unknown layout '%1' (expected transformers or flat)")
                                 .arg(layout),
                             QStringLiteral("key \"layout\""));
        }
        if (!o.contains(QStringLiteral("dynamic_shapes")))
            return Error(QStringLiteral("the saved spec has no \"dynamic_shapes\""));
        doc.value = fromJson(o.value(QStringLiteral("dynamic_shapes")));
    } else {
        doc.value = fromJson(root);
    }
    return doc;
}

} // namespace ds::spec
