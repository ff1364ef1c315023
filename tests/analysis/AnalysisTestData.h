#pragma once

// Shared by the analysis tests: inputs from type strings and fixtures, specs
// from Python text, all through the same readers the command line uses.
#include "analysis/ReferenceSpec.h"
#include "formats/InputFormats.h"
#include "session/SpecReading.h"
#include "spec/ExportTree.h"
#include "text/TypeString.h"

#include <QtTest>

#include <memory>

namespace ds::test {

inline QString fixture(const QString& relative) {
    return QStringLiteral(DIMSTUDIO_FIXTURES "/") + relative;
}

inline InputValue::Ptr inputsFromTypeString(const QString& text) {
    auto parsed = text::parseTypeString(text);
    if (!parsed) {
        qWarning("%s", qPrintable(parsed.error().toString()));
        return nullptr;
    }
    return parsed.value();
}

inline std::unique_ptr<spec::ExportTree>
treeFromTypeString(const QString& text,
                   caches::CacheLayout layout = caches::CacheLayout::Transformers) {
    InputValue::Ptr root = inputsFromTypeString(text);
    return root ? std::make_unique<spec::ExportTree>(root, layout) : nullptr;
}

// The seed's StaticCache inputs (type string fixture).
inline std::unique_ptr<spec::ExportTree> seedStaticCacheTree() {
    auto loaded =
        formats::openInputs(fixture(QStringLiteral("pt/seed_static_cache_v449.type.txt")));
    if (!loaded) {
        qWarning("%s", qPrintable(loaded.error().toString()));
        return nullptr;
    }
    return std::make_unique<spec::ExportTree>(loaded.value().root,
                                              caches::CacheLayout::Transformers);
}

inline analysis::SpecText specFromPython(const QString& text) {
    auto parsed = analysis::parseSpecText(text.toUtf8());
    if (!parsed)
        qWarning("%s", qPrintable(parsed.error().toString()));
    return parsed ? parsed.value() : analysis::SpecText{};
}

inline spec::AlignedSpec alignedFromPython(const spec::ExportTree& tree, const QString& text) {
    const analysis::SpecText spec = specFromPython(text);
    return spec.value ? session::readSpec(tree, spec).aligned : spec::AlignedSpec{};
}

// A spec fixture file, as the command line and the app read it.
inline analysis::SpecText specFromFile(const QString& path) {
    auto read = session::readSpecFile(path);
    if (!read)
        qWarning("%s", qPrintable(read.error().toString()));
    return read ? read.value().text : analysis::SpecText{};
}

} // namespace ds::test
