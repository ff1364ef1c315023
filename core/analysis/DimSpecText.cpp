#include "DimSpecText.h"

#include "text/PyValue.h"

namespace ds {

namespace {

JsonText withBounds(JsonText object, const DimSpec& spec) {
    if (spec.min)
        object.insert(QStringLiteral("min"), JsonText::integer(*spec.min));
    if (spec.max)
        object.insert(QStringLiteral("max"), JsonText::integer(*spec.max));
    return object;
}

} // namespace

QString dimSpecLabel(const DimSpec& spec) {
    switch (spec.kind) {
    case DimSpec::Kind::Static:
        return spec.fixedValue ? QString::number(*spec.fixedValue) : QStringLiteral("static");
    case DimSpec::Kind::Named:
        if (!spec.hasBounds())
            return pythonStringRepr(spec.name);
        return PyValue::dim(spec.name, spec.min, spec.max)->repr();
    case DimSpec::Kind::Hint:
        return PyValue::dimHint(hintName(spec.hint), spec.min, spec.max, spec.hasBounds())->repr();
    case DimSpec::Kind::Derived:
        return spec.displayText();
    }
    return QString();
}

JsonText dimSpecJson(const DimSpec& spec) {
    switch (spec.kind) {
    case DimSpec::Kind::Static:
        return spec.fixedValue ? JsonText::integer(*spec.fixedValue) : JsonText::null();
    case DimSpec::Kind::Named:
        if (!spec.hasBounds())
            return JsonText::string(spec.name);
        return withBounds(
            JsonText::object().insert(QStringLiteral("name"), JsonText::string(spec.name)), spec);
    case DimSpec::Kind::Hint:
        return withBounds(JsonText::object().insert(QStringLiteral("hint"),
                                                    JsonText::string(hintName(spec.hint))),
                          spec);
    case DimSpec::Kind::Derived: {
        JsonText o = JsonText::object();
        o.insert(QStringLiteral("derived"), JsonText::string(spec.name));
        o.insert(QStringLiteral("mul"), JsonText::integer(spec.mul));
        o.insert(QStringLiteral("add"), JsonText::integer(spec.add));
        return o;
    }
    }
    return JsonText::null();
}

QString tensorPathText(const ExportTree& tree, int tensor) {
    const QString path = tree.tensorNode(tensor)->path();
    return path.isEmpty() ? QStringLiteral("(top level)") : path;
}

QString dimPlace(const ExportTree& tree, DimRef ref) {
    return QStringLiteral("%1 dim %2").arg(tensorPathText(tree, ref.tensor)).arg(ref.dim);
}

} // namespace ds
