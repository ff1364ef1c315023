#include "SpecWriters.h"

#include "PythonRegistration.h"

#include <QHash>

#include "SpecJson.h"
#include "SpecToPython.h"
#include "text/PrettyPrinter.h"

#include <QSet>

namespace ds::spec {

namespace {

struct FormatRow {
    SpecFormat format;
    const char* name;
};
constexpr FormatRow kFormats[] = {{SpecFormat::Pprint, "pprint"},
                                  {SpecFormat::Json, "json"},
                                  {SpecFormat::Python, "python"},
                                  {SpecFormat::OnnxDynamo, "onnx-dynamo"},
                                  {SpecFormat::DynamicAxes, "dynamic-axes"}};

// One `name = Dim(...)` line per distinct name, in first-use order. The
// bounds are those of a dimension carrying the name itself, else those a
// derived dimension keeps for its root (a root torch introduced, `_dx`).
QString dimDefinitions(const ShapeSpec& spec) {
    QStringList order;
    QHash<QString, const DimSpec*> named, derivedOnly;
    for (int t = 0; t < spec.tensorCount(); ++t)
        for (const DimSpec& s : spec.tensorDims(t)) {
            if (s.kind != DimSpec::Kind::Named && s.kind != DimSpec::Kind::Derived)
                continue;
            if (!named.contains(s.name) && !derivedOnly.contains(s.name))
                order << s.name;
            if (s.kind == DimSpec::Kind::Named && !named.contains(s.name))
                named.insert(s.name, &s);
            else if (s.kind == DimSpec::Kind::Derived && !derivedOnly.contains(s.name))
                derivedOnly.insert(s.name, &s);
        }
    QString text;
    QSet<QString> defined;
    for (const QString& name : order) {
        const QString var = variableNameFor(name);
        if (defined.contains(var))
            continue;
        defined.insert(var);
        const DimSpec* s = named.value(name, derivedOnly.value(name));
        text += var + QStringLiteral(" = ") + text::PyValue::dim(name, s->min, s->max)->repr() +
                QLatin1Char('\n');
    }
    return text;
}

QString pythonSnippet(const ExportTree& tree, const ShapeSpec& spec) {
    const QString prefix = QStringLiteral("dynamic_shapes = ");
    QString text = QStringLiteral("from torch.export import Dim\n\n");
    if (const QString registration = pythonRegistration(tree); !registration.isEmpty())
        text += registration + QLatin1Char('\n');
    const QString defs = dimDefinitions(spec);
    if (!defs.isEmpty())
        text += defs + QLatin1Char('\n');
    text += prefix + pythonPformat(*specToPythonForPrinting(tree, spec, NameStyle::Variables), 80,
                                   static_cast<int>(prefix.size()));
    return text + QLatin1Char('\n');
}

QString dynamicAxes(const ExportTree& tree, const ShapeSpec& spec) {
    text::PyValue::Ptr axes = text::PyValue::dict();
    QSet<QString> seen; // flat names are unique but for contrived keys ("a.0" beside a list "a")
    for (int t = 0; t < tree.tensorCount(); ++t) {
        text::PyValue::Ptr dims = text::PyValue::dict();
        const auto& specs = spec.tensorDims(t);
        for (size_t d = 0; d < specs.size(); ++d) {
            const DimSpec& s = specs[d];
            if (!s.isDynamic())
                continue;
            // The legacy API only takes names: hints get the all-dynamic name.
            const QString name = s.kind == DimSpec::Kind::Hint
                                     ? QStringLiteral("d_%1_%2").arg(t).arg(d)
                                     : s.displayText();
            dims->appendItem(text::PyValue::integer(static_cast<qint64>(d)),
                             text::PyValue::string(name));
        }
        const QString& flatName = tree.tensorNode(t)->flatName;
        if (dims->size() == 0)
            continue;
        if (seen.contains(flatName)) {
            axes->insert(text::PyValue::string(flatName), dims);
        } else {
            seen.insert(flatName);
            axes->appendItem(text::PyValue::string(flatName), dims);
        }
    }
    return pythonPformat(*axes) + QLatin1Char('\n');
}

} // namespace

QString formatName(SpecFormat f) {
    for (const auto& row : kFormats)
        if (row.format == f)
            return QLatin1String(row.name);
    return QString();
}

std::optional<SpecFormat> formatFromName(const QString& name) {
    for (const auto& row : kFormats)
        if (name == QLatin1String(row.name))
            return row.format;
    return std::nullopt;
}

QStringList allFormatNames() {
    QStringList names;
    for (const auto& row : kFormats)
        names << QLatin1String(row.name);
    return names;
}

QString writeSpec(SpecFormat format, const ExportTree& tree, const ShapeSpec& spec) {
    switch (format) {
    case SpecFormat::Pprint:
        return pythonPformat(*specToPythonForPrinting(tree, spec, NameStyle::Strings)) +
               QLatin1Char('\n');
    case SpecFormat::Json:
        return QString::fromUtf8(specToJson(tree, spec));
    case SpecFormat::Python:
        return pythonSnippet(tree, spec);
    case SpecFormat::OnnxDynamo:
        return pythonPformat(*specToPythonForPrinting(tree, spec, NameStyle::StringsOnly)) +
               QLatin1Char('\n');
    case SpecFormat::DynamicAxes:
        return dynamicAxes(tree, spec);
    }
    return QString();
}

} // namespace ds::spec
