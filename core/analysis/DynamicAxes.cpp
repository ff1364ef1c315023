#include "DynamicAxes.h"

#include "spec/SpecToPython.h"

namespace ds::analysis {

namespace {

const spec::ExportNode* tensorByFlatName(const spec::ExportTree& tree, const QString& name) {
    for (int t = 0; t < tree.tensorCount(); ++t)
        if (tree.tensorNode(t)->flatName == name)
            return tree.tensorNode(t);
    return nullptr;
}

void issue(spec::AlignedSpec& aligned, const QString& path, const QString& message) {
    aligned.issues.push_back({path, message});
}

bool axisInRange(spec::AlignedSpec& aligned, const spec::ExportNode& tensor, const QString& key,
                 qint64 axis) {
    if (axis >= 0 && axis < tensor.tensor().rank())
        return true;
    issue(aligned, key,
          QStringLiteral("axis %1 is beyond the tensor's rank %2")
              .arg(axis)
              .arg(tensor.tensor().rank()));
    return false;
}

// An axis: an int key, or its decimal text (JSON objects have string keys).
std::optional<qint64> axisKey(const text::PyValue& key) {
    if (key.kind() == text::PyValue::Kind::Int)
        return key.intValue();
    bool ok = false;
    const qint64 axis = key.kind() == text::PyValue::Kind::Str ? key.text().toLongLong(&ok) : 0;
    return ok ? std::optional<qint64>(axis) : std::nullopt;
}

} // namespace

bool isDynamicAxesEntry(const text::PyValue& value) {
    if (value.kind() == text::PyValue::Kind::Dict) {
        for (size_t i = 0; i < value.keys().size(); ++i)
            if (!axisKey(*value.keys()[i]) || value.items()[i]->kind() != text::PyValue::Kind::Str)
                return false;
        return true;
    }
    if (value.kind() == text::PyValue::Kind::List || value.kind() == text::PyValue::Kind::Tuple) {
        for (const auto& item : value.items())
            if (item->kind() != text::PyValue::Kind::Int)
                return false;
        return true;
    }
    return false;
}

spec::AlignedSpec alignDynamicAxes(const spec::ExportTree& tree, const text::PyValue& value) {
    spec::AlignedSpec aligned{spec::ShapeSpec(tree), {}, std::nullopt, {}};
    if (value.kind() != text::PyValue::Kind::Dict) {
        issue(aligned, QString(),
              QStringLiteral("dynamic_axes must be a dict keyed by input name"));
        return aligned;
    }
    for (size_t i = 0; i < value.keys().size(); ++i) {
        const text::PyValue& key = *value.keys()[i];
        const text::PyValue& entry = *value.items()[i];
        const QString name = key.kind() == text::PyValue::Kind::Str ? key.text() : key.repr();
        const spec::ExportNode* tensor =
            key.kind() == text::PyValue::Kind::Str ? tensorByFlatName(tree, key.text()) : nullptr;
        if (!tensor) {
            issue(aligned, name,
                  QStringLiteral("no input tensor is named %1 (an output name?)").arg(key.repr()));
            continue;
        }
        if (!isDynamicAxesEntry(entry)) {
            issue(aligned, name,
                  QStringLiteral("expected {axis: 'name'} or a list of axes, found %1")
                      .arg(entry.repr()));
            continue;
        }
        if (entry.kind() == text::PyValue::Kind::Dict) {
            for (size_t a = 0; a < entry.keys().size(); ++a) {
                const qint64 axis = *axisKey(*entry.keys()[a]);
                if (axisInRange(aligned, *tensor, name, axis))
                    aligned.spec.setDim({tensor->tensorIndex, static_cast<int>(axis)},
                                        spec::DimSpec::named(entry.items()[a]->text()));
            }
            continue;
        }
        for (int a = 0; a < entry.size(); ++a) {
            const qint64 axis = entry.items()[static_cast<size_t>(a)]->intValue();
            if (axisInRange(aligned, *tensor, name, axis))
                aligned.spec.setDim(
                    {tensor->tensorIndex, static_cast<int>(axis)},
                    spec::DimSpec::named(spec::variableNameFor(tensor->flatName) +
                                         QStringLiteral("_dynamic_axes_%1").arg(a + 1)));
        }
    }
    return aligned;
}

} // namespace ds::analysis
