#include "DimSpecText.h"

#include "text/PyValue.h"

namespace ds::analysis {

namespace {

JsonText withBounds(JsonText object, const spec::DimSpec& spec) {
    if (spec.min)
        object.insert(QStringLiteral("min"), JsonText::integer(*spec.min));
    if (spec.max)
        object.insert(QStringLiteral("max"), JsonText::integer(*spec.max));
    return object;
}

} // namespace

QString dimSpecLabel(const spec::DimSpec& spec) {
    switch (spec.kind) {
    case spec::DimSpec::Kind::Static:
        return spec.fixedValue ? QString::number(*spec.fixedValue) : QStringLiteral("static");
    case spec::DimSpec::Kind::Named:
        if (!spec.hasBounds())
            return text::pythonStringRepr(spec.name);
        return text::PyValue::dim(spec.name, spec.min, spec.max)->repr();
    case spec::DimSpec::Kind::Hint:
        return text::PyValue::dimHint(hintName(spec.hint), spec.min, spec.max, spec.hasBounds())
            ->repr();
    case spec::DimSpec::Kind::Derived:
        return spec.displayText();
    }
    return QString();
}

JsonText dimSpecJson(const spec::DimSpec& spec) {
    switch (spec.kind) {
    case spec::DimSpec::Kind::Static:
        return spec.fixedValue ? JsonText::integer(*spec.fixedValue) : JsonText::null();
    case spec::DimSpec::Kind::Named:
        if (!spec.hasBounds())
            return JsonText::string(spec.name);
        return withBounds(
            JsonText::object().insert(QStringLiteral("name"), JsonText::string(spec.name)), spec);
    case spec::DimSpec::Kind::Hint:
        return withBounds(JsonText::object().insert(QStringLiteral("hint"),
                                                    JsonText::string(hintName(spec.hint))),
                          spec);
    case spec::DimSpec::Kind::Derived: {
        JsonText o = JsonText::object();
        o.insert(QStringLiteral("derived"), JsonText::string(spec.name));
        o.insert(QStringLiteral("mul"), JsonText::integer(spec.mul));
        o.insert(QStringLiteral("add"), JsonText::integer(spec.add));
        return o;
    }
    }
    return JsonText::null();
}

QString tensorPathText(const spec::ExportTree& tree, int tensor) {
    const QString path = tree.tensorNode(tensor)->path();
    return path.isEmpty() ? QStringLiteral("(top level)") : path;
}

QString dimPlace(const spec::ExportTree& tree, spec::DimRef ref) {
    return QStringLiteral("%1 dim %2").arg(tensorPathText(tree, ref.tensor)).arg(ref.dim);
}

} // namespace ds::analysis
