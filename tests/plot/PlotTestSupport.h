#pragma once

// Shared by the figure tests: fixture paths, the seed's inputs and reference,
// and pixel predicates for sampling rendered images.
#include "analysis/ReferenceSpec.h"
#include "analysis/SpecComparison.h"
#include "formats/InputFormats.h"
#include "session/SessionAnalysis.h"
#include "spec/ExportTree.h"

#include <QColor>
#include <QImage>
#include <QString>

#include <cstdlib>

namespace plottest {

inline QString fixture(const QString& relative) {
    return QStringLiteral(DIMSTUDIO_FIXTURES) + QLatin1Char('/') + relative;
}

inline QString seedInputsPath() {
    return fixture(QStringLiteral("pt/seed_static_cache_v449.type.txt"));
}

// The seed's reference block, as the seed prints it (shared with the analysis tests).
inline QString seedReferencePath() {
    return fixture(QStringLiteral("analysis/seed_reference.py"));
}

inline ds::spec::ExportTree seedTree() {
    auto loaded = ds::formats::openInputs(seedInputsPath());
    return ds::spec::ExportTree(loaded ? loaded.value().root : ds::InputValue::Ptr(),
                                ds::caches::CacheLayout::Transformers);
}

inline ds::analysis::SpecComparison compareWithSeedReference(const ds::spec::ExportTree& tree,
                                                             const ds::spec::ShapeSpec& spec) {
    const auto source = ds::session::readSpecFile(seedReferencePath());
    return ds::session::compareWithReference(tree, spec,
                                             ds::session::readSpec(tree, source.value().text));
}

inline bool near(QColor actual, QColor expected, int tolerance = 3) {
    return std::abs(actual.red() - expected.red()) <= tolerance &&
           std::abs(actual.green() - expected.green()) <= tolerance &&
           std::abs(actual.blue() - expected.blue()) <= tolerance;
}

inline bool isDark(QColor c) {
    return c.red() < 90 && c.green() < 90 && c.blue() < 90;
}

inline int darkPixels(const QImage& image, const QRect& area) {
    int count = 0;
    const QRect inside = area.intersected(image.rect());
    for (int y = inside.top(); y <= inside.bottom(); ++y)
        for (int x = inside.left(); x <= inside.right(); ++x)
            count += isDark(image.pixelColor(x, y)) ? 1 : 0;
    return count;
}

inline bool allWhite(const QImage& image, const QRect& area) {
    const QRect inside = area.intersected(image.rect());
    for (int y = inside.top(); y <= inside.bottom(); ++y)
        for (int x = inside.left(); x <= inside.right(); ++x)
            if (image.pixelColor(x, y) != QColor(Qt::white))
                return false;
    return true;
}

} // namespace plottest
