#include "VerifyRequest.h"

#include "caches/CacheLayers.h"
#include "caches/CacheLayout.h"
#include "pt/RecognisedNames.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QSet>

namespace ds::runner {

Result<ModelSpec> parseModelArgument(const QString& argument) {
    ModelSpec model;
    if (argument.endsWith(QLatin1String(".json"))) {
        model.config = true;
        model.path = QFileInfo(argument).absoluteFilePath();
        if (!QFileInfo(model.path).isFile())
            return Error(QStringLiteral("no such config file"), QString(), argument);
        return model;
    }
    const qsizetype colon = argument.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0 || colon == argument.size() - 1)
        return Error(QStringLiteral("--model takes path/to/file.py:callable (a function that "
                                    "returns the nn.Module) or a transformers config.json"),
                     QString(), argument);
    model.path = QFileInfo(argument.left(colon)).absoluteFilePath();
    model.callable = argument.mid(colon + 1);
    if (!QFileInfo(model.path).isFile())
        return Error(QStringLiteral("no such Python file"), QString(), argument.left(colon));
    return model;
}

namespace {

bool isModelOutput(const QString& name) {
    return name.startsWith(QLatin1String("transformers.")) &&
           name.endsWith(QLatin1String("Output"));
}

// Classes torch.load(weights_only=True) allows by itself, or that mean
// nothing but a container.
bool torchAllows(const QString& name) {
    return pt::isRecognisedClass(name);
}

void walk(const InputValue& v, QSet<const InputValue*>& seen, PickleClasses& out, int depth) {
    if (depth > 512 || seen.contains(&v))
        return;
    seen.insert(&v);
    if (v.kind() == ValueKind::Object || v.kind() == ValueKind::Global ||
        (v.kind() == ValueKind::Dict && !v.className().isEmpty())) {
        const QString& name = v.className();
        if (name.startsWith(QLatin1String("transformers.cache_utils."))) {
            if (!out.allowed.contains(name))
                out.allowed << name;
        } else if (isModelOutput(name)) {
            if (!out.allowed.contains(name))
                out.allowed << name;
            if (!out.modelOutputs.contains(name))
                out.modelOutputs << name;
        } else if (!name.isEmpty() && !torchAllows(name) && !out.unrecognised.contains(name)) {
            out.unrecognised << name;
        }
    }
    for (const auto& item : v.items())
        if (item)
            walk(*item, seen, out, depth + 1);
    for (const auto& arg : v.arguments())
        if (arg)
            walk(*arg, seen, out, depth + 1);
}

QJsonValue dimJson(const spec::DimSpec& s) {
    QJsonObject o;
    switch (s.kind) {
    case spec::DimSpec::Kind::Static:
        return QJsonValue();
    case spec::DimSpec::Kind::Named:
        o.insert(QStringLiteral("dim"), s.name);
        break;
    case spec::DimSpec::Kind::Hint:
        o.insert(QStringLiteral("hint"), spec::hintName(s.hint));
        break;
    case spec::DimSpec::Kind::Derived:
        o.insert(QStringLiteral("derived"), s.name);
        o.insert(QStringLiteral("mul"), s.mul);
        o.insert(QStringLiteral("add"), s.add);
        break; // min/max: the root's range, when the spec holds it here
    }
    if (s.min)
        o.insert(QStringLiteral("min"), *s.min);
    if (s.max)
        o.insert(QStringLiteral("max"), *s.max);
    return o;
}

QJsonValue typedNode(const spec::ExportNode& node, const spec::ShapeSpec& spec) {
    switch (node.kind) {
    case spec::ExportNode::Kind::Tensor: {
        QJsonArray pairs;
        const auto& dims = spec.tensorDims(node.tensorIndex);
        for (size_t d = 0; d < dims.size(); ++d) {
            const QJsonValue v = dimJson(dims[d]);
            if (!v.isNull())
                pairs.append(QJsonArray{static_cast<qint64>(d), v});
        }
        return QJsonObject{{QStringLiteral("dict"), pairs}};
    }
    case spec::ExportNode::Kind::Leaf:
        if (node.counter)
            return QJsonObject{{QStringLiteral("hint"), QStringLiteral("DYNAMIC")}};
        return QJsonValue();
    case spec::ExportNode::Kind::Dict: {
        QJsonArray pairs;
        for (const auto& c : node.children)
            pairs.append(
                QJsonArray{c->key.isInt ? QJsonValue(c->key.intValue) : QJsonValue(c->key.text),
                           typedNode(*c, spec)});
        return QJsonObject{{QStringLiteral("dict"), pairs}};
    }
    case spec::ExportNode::Kind::List:
    case spec::ExportNode::Kind::Tuple: {
        QJsonArray items;
        for (const auto& c : node.children)
            items.append(typedNode(*c, spec));
        return QJsonObject{{node.kind == spec::ExportNode::Kind::Tuple ? QStringLiteral("tuple")
                                                                       : QStringLiteral("list"),
                            items}};
    }
    }
    return QJsonValue();
}

std::optional<qint64> optionalInt(const QJsonValue& v) {
    if (v.isDouble())
        return v.toInteger();
    return std::nullopt;
}

exported::ExportedSize sizeOf(const QJsonValue& v) {
    exported::ExportedSize size;
    const QJsonObject o = v.toObject();
    if (o.contains(QStringLiteral("int"))) {
        size.constant = true;
        size.value = o.value(QStringLiteral("int")).toInteger();
    } else {
        size.expr = o.value(QStringLiteral("expr")).toString();
        size.min = optionalInt(o.value(QStringLiteral("min")));
        size.max = optionalInt(o.value(QStringLiteral("max")));
    }
    return size;
}

} // namespace

caches::CacheLayout verifyLayout(const InputValue& root) {
    return caches::faithfulLayout(root);
}

PickleClasses pickleClasses(const InputValue& root, const QStringList& untrustedNames) {
    PickleClasses out;
    QSet<const InputValue*> seen;
    walk(root, seen, out, 0);
    // Names the pickle imports that left no object in the tree (a tensor
    // subclass, a class given as an argument): torch imports them all the same.
    for (const QString& name : untrustedNames)
        if (!out.unrecognised.contains(name) && !out.allowed.contains(name))
            out.unrecognised << name;
    return out;
}

Status checkLoadable(const LoadedInputs& inputs, bool trustPickle) {
    if (trustPickle || !inputs.hasTensorData)
        return okStatus();
    const PickleClasses classes = pickleClasses(*inputs.root, inputs.untrustedNames);
    if (!classes.unrecognised.isEmpty())
        return Error(QStringLiteral("holds classes DimStudio does not recognise (%1): the runner "
                                    "loads the file with torch.load(weights_only=True) and will "
                                    "not unpickle them; pass --trust-pickle if you trust the file")
                         .arg(classes.unrecognised.join(QStringLiteral(", "))),
                     QString(), inputs.path);
    if (!classes.modelOutputs.isEmpty())
        return Error(QStringLiteral("holds a %1, which torch.load(weights_only=True) cannot load "
                                    "(it refuses the SETITEM a ModelOutput is pickled with); "
                                    "pass --trust-pickle if you trust the file")
                         .arg(classes.modelOutputs.join(QStringLiteral(", "))),
                     QString(), inputs.path);
    return okStatus();
}

QJsonValue typedSpec(const spec::ExportTree& tree, const spec::ShapeSpec& spec) {
    return typedNode(*tree.root(), spec);
}

QJsonObject verifyRequest(const session::Session& session, const spec::ShapeSpec& spec,
                          const VerifyOptions& options) {
    QJsonObject request;
    request.insert(QStringLiteral("cmd"), QStringLiteral("verify"));
    request.insert(QStringLiteral("inputs"), QFileInfo(session.inputs().path).absoluteFilePath());
    request.insert(
        QStringLiteral("allowed_classes"),
        QJsonArray::fromStringList(
            pickleClasses(*session.inputs().root, session.inputs().untrustedNames).allowed));
    request.insert(QStringLiteral("trust_pickle"), options.trustPickle);
    QJsonObject model;
    if (options.model.config)
        model.insert(QStringLiteral("config"), options.model.path);
    else
        model.insert(QStringLiteral("callable"),
                     options.model.path + QLatin1Char(':') + options.model.callable);
    request.insert(QStringLiteral("model"), model);
    request.insert(QStringLiteral("layout"), caches::layoutName(session.layout()));
    request.insert(QStringLiteral("dynamic_shapes"), typedSpec(session.tree(), spec));
    request.insert(QStringLiteral("other_inputs"),
                   options.otherInputs.isEmpty() ? QJsonValue() : QJsonValue(options.otherInputs));
    request.insert(QStringLiteral("change_dims"), options.changeDims);
    return request;
}

bool VerifyResult::runsOk() const {
    return std::all_of(runs.begin(), runs.end(), [](const VerifyRun& r) { return r.ok; });
}

Result<VerifyResult> parseVerifyResult(const QJsonObject& o) {
    VerifyResult result;
    const QString status = o.value(QStringLiteral("status")).toString();
    if (status != QLatin1String("exported") && status != QLatin1String("refused"))
        return Error(QStringLiteral("the export runner answered without a status"));
    result.exported = status == QLatin1String("exported");
    const QJsonObject error = o.value(QStringLiteral("error")).toObject();
    result.errorType = error.value(QStringLiteral("type")).toString();
    result.errorText = error.value(QStringLiteral("message")).toString();
    for (const QJsonValue& leaf : o.value(QStringLiteral("leaves")).toArray()) {
        const QJsonObject l = leaf.toObject();
        exported::ExportedInput input;
        input.path = l.value(QStringLiteral("path")).toString();
        input.name = l.value(QStringLiteral("input")).toString();
        input.tensor = l.value(QStringLiteral("kind")).toString() == QLatin1String("tensor");
        if (input.tensor)
            for (const QJsonValue& d : l.value(QStringLiteral("dims")).toArray())
                input.dims.push_back(sizeOf(d));
        else if (l.contains(QStringLiteral("value")))
            input.dims.push_back(sizeOf(l.value(QStringLiteral("value"))));
        result.shapes.inputs.push_back(std::move(input));
    }
    for (const QJsonValue& run : o.value(QStringLiteral("runs")).toArray()) {
        const QJsonObject r = run.toObject();
        VerifyRun v;
        v.name = r.value(QStringLiteral("name")).toString();
        v.ok = r.value(QStringLiteral("ok")).toBool();
        if (r.value(QStringLiteral("max_abs_diff")).isDouble())
            v.maxAbsDiff = r.value(QStringLiteral("max_abs_diff")).toDouble();
        v.outputs = r.value(QStringLiteral("outputs")).toInt();
        v.message = r.value(QStringLiteral("message")).toString();
        result.runs.push_back(std::move(v));
    }
    for (const QJsonValue& reg : o.value(QStringLiteral("registrations")).toArray()) {
        const QJsonObject r = reg.toObject();
        result.registrations.push_back({r.value(QStringLiteral("class")).toString(),
                                        r.value(QStringLiteral("by")).toString(),
                                        r.value(QStringLiteral("layout")).toString(),
                                        r.value(QStringLiteral("faithful")).toBool(true),
                                        r.value(QStringLiteral("note")).toString()});
    }
    for (const QJsonValue& note : o.value(QStringLiteral("notes")).toArray())
        result.notes << note.toString();
    result.exportSeconds = o.value(QStringLiteral("export_seconds")).toDouble();
    result.totalSeconds =
        o.value(QStringLiteral("timings")).toObject().value(QStringLiteral("total")).toDouble();
    result.modelCached = o.value(QStringLiteral("model_cached")).toBool();
    return result;
}

} // namespace ds::runner
