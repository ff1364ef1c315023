#pragma once

// Shared by the analysis tests: inputs from type strings and fixtures, specs
// from Python text, all through the same readers the command line uses.
#include "InputLoader.h"
#include "analysis/ReferenceSpec.h"
#include "spec/ExportTree.h"
#include "text/TypeString.h"

#include <QtTest>

#include <memory>

namespace ds::test {

inline QString fixture(const QString& relative) {
    return QStringLiteral(DIMSTUDIO_FIXTURES "/") + relative;
}

inline InputValue::Ptr inputsFromTypeString(const QString& text) {
    auto parsed = parseTypeString(text);
    if (!parsed) {
        qWarning("%s", qPrintable(parsed.error().toString()));
        return nullptr;
    }
    return parsed.value();
}

inline std::unique_ptr<ExportTree>
treeFromTypeString(const QString& text, CacheLayout layout = CacheLayout::Transformers) {
    InputValue::Ptr root = inputsFromTypeString(text);
    return root ? std::make_unique<ExportTree>(root, layout) : nullptr;
}

// The seed's StaticCache inputs (type string fixture).
inline std::unique_ptr<ExportTree> seedStaticCacheTree() {
    auto loaded = loadInputs(fixture(QStringLiteral("pt/seed_static_cache_v449.type.txt")));
    if (!loaded) {
        qWarning("%s", qPrintable(loaded.error().toString()));
        return nullptr;
    }
    return std::make_unique<ExportTree>(loaded.value().root, CacheLayout::Transformers);
}

inline SpecText specFromPython(const QString& text) {
    auto parsed = parseSpecText(text.toUtf8());
    if (!parsed)
        qWarning("%s", qPrintable(parsed.error().toString()));
    return parsed ? parsed.value() : SpecText{};
}

inline AlignedSpec alignedFromPython(const ExportTree& tree, const QString& text) {
    const SpecText spec = specFromPython(text);
    return spec.value ? alignReference(tree, spec) : AlignedSpec{};
}

} // namespace ds::test
