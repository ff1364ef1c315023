#include "ReferenceSpec.h"

#include "DynamicAxes.h"
#include "spec/SpecJson.h"
#include "text/PythonLiteralParser.h"

#include <algorithm>

namespace ds::analysis {

namespace {

struct FormatRow {
    ReferenceFormat format;
    const char* name;
};
constexpr FormatRow kFormats[] = {{ReferenceFormat::Auto, "auto"},
                                  {ReferenceFormat::DynamicShapes, "dynamic-shapes"},
                                  {ReferenceFormat::DynamicAxes, "dynamic-axes"}};

} // namespace

Result<SpecText> parseSpecText(const QByteArray& bytes) {
    // JSON first: a Python dict with single quotes is never valid JSON, and a
    // JSON document that parses means the same thing read either way.
    auto json = spec::specFromJson(bytes);
    if (json) {
        SpecText text;
        text.value = json.value().value;
        text.savedLayout = json.value().layout;
        text.source = spec::SpecSource::Json;
        return text;
    }
    if (bytes.contains("\"dimstudio_spec\""))
        return json.error();
    auto python = text::parsePythonLiteral(QString::fromUtf8(bytes));
    if (!python)
        return python.error();
    SpecText text;
    text.value = python.value();
    return text;
}

QString referenceFormatName(ReferenceFormat format) {
    for (const auto& row : kFormats)
        if (row.format == format)
            return QLatin1String(row.name);
    return QString();
}

std::optional<ReferenceFormat> referenceFormatFromName(const QString& name) {
    for (const auto& row : kFormats)
        if (name == QLatin1String(row.name))
            return row.format;
    return std::nullopt;
}

bool looksLikeDynamicAxes(const spec::ExportTree& tree, const text::PyValue& value) {
    if (value.kind() != text::PyValue::Kind::Dict || value.size() == 0)
        return false;
    bool someKeyIsFlatName = false;
    bool somethingOnlyLegacy = false; // a nested flat name or a list of axes
    for (size_t i = 0; i < value.keys().size(); ++i) {
        const text::PyValue& key = *value.keys()[i];
        const text::PyValue& entry = *value.items()[i];
        if (key.kind() != text::PyValue::Kind::Str || !isDynamicAxesEntry(entry))
            return false;
        somethingOnlyLegacy |= entry.kind() != text::PyValue::Kind::Dict;
        bool isFlatName = false;
        for (int t = 0; t < tree.tensorCount() && !isFlatName; ++t)
            isFlatName = tree.tensorNode(t)->flatName == key.text();
        someKeyIsFlatName |= isFlatName;
        const spec::ExportNode* top = tree.root();
        const bool isTopLevelKey =
            top->kind == spec::ExportNode::Kind::Dict &&
            std::any_of(top->children.begin(), top->children.end(),
                        [&](const auto& c) { return c->key == Key::str(key.text()); });
        somethingOnlyLegacy |= isFlatName && !isTopLevelKey;
    }
    return someKeyIsFlatName && somethingOnlyLegacy;
}

} // namespace ds::analysis
