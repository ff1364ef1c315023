#include "SpecReading.h"

#include "analysis/DynamicAxes.h"
#include "spec/LayoutRemap.h"

#include <QFile>

namespace ds::session {

namespace {

constexpr qint64 kMaxSpecBytes = 64 * 1024 * 1024;

// Reads `text` on a tree of the same inputs in `layout`, and carries its
// decisions over to `tree`. Dimensions the other reading did not reach stay
// unaligned here too.
spec::AlignedSpec readInLayout(const spec::ExportTree& tree, const analysis::SpecText& text,
                               caches::CacheLayout layout) {
    const spec::ExportTree other(tree.inputs(), layout);
    spec::AlignedSpec inOther = spec::alignSpec(other, *text.value, text.source);
    spec::ShapeSpec reached(other);
    for (const spec::DimRef& ref : inOther.unaligned)
        reached.setDim(ref, spec::DimSpec::named(QStringLiteral("unaligned")));
    const spec::ShapeSpec reachedHere = spec::remapSpec(other, reached, tree);
    inOther.spec = spec::remapSpec(other, inOther.spec, tree);
    inOther.unaligned.clear();
    for (int t = 0; t < reachedHere.tensorCount(); ++t)
        for (int d = 0; d < reachedHere.rank(t); ++d)
            if (reachedHere.dim(t, d).isDynamic())
                inOther.unaligned.push_back({t, d});
    inOther.otherLayoutFits.reset();
    return inOther;
}

} // namespace

Result<SpecSource> readSpecFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("cannot open the spec: %1").arg(file.errorString()), QString(),
                     path);
    if (file.size() > kMaxSpecBytes)
        return Error(QStringLiteral("too large for a spec (%1 bytes)").arg(file.size()), QString(),
                     path);
    return parseSpecSource(file.readAll(), path);
}

Result<SpecSource> parseSpecSource(const QByteArray& bytes, const QString& origin) {
    if (bytes.trimmed().isEmpty())
        return Error(QStringLiteral("no spec: the text is empty"), QString(), origin);
    auto text = analysis::parseSpecText(bytes);
    if (!text)
        return text.error().withFile(origin);
    return SpecSource{origin, std::move(text).value()};
}

SpecReading readSpec(const spec::ExportTree& tree, const analysis::SpecText& text,
                     analysis::ReferenceFormat format) {
    SpecReading reading;
    reading.text = text;
    reading.writtenIn = tree.layout();
    const bool asAxes = format == analysis::ReferenceFormat::DynamicAxes ||
                        (format == analysis::ReferenceFormat::Auto &&
                         analysis::looksLikeDynamicAxes(tree, *text.value));
    if (asAxes) {
        // Flat input names do not depend on the layout.
        reading.readAs = analysis::ReferenceFormat::DynamicAxes;
        reading.aligned = analysis::alignDynamicAxes(tree, *text.value);
        return reading;
    }
    reading.aligned = spec::alignSpec(tree, *text.value, text.source);
    const bool savedInOther = text.savedLayout && *text.savedLayout != tree.layout();
    const std::optional<caches::CacheLayout> other =
        savedInOther
            ? text.savedLayout
            : (reading.aligned.issues.empty() ? std::nullopt : reading.aligned.otherLayoutFits);
    if (!other)
        return reading;
    spec::AlignedSpec inOther = readInLayout(tree, text, *other);
    if (!savedInOther && inOther.issues.size() >= reading.aligned.issues.size())
        return reading;
    reading.aligned = std::move(inOther);
    reading.writtenIn = *other;
    return reading;
}

std::optional<Error> structureError(const SpecReading& reading, const QString& origin) {
    const auto& issues = reading.aligned.issues;
    if (issues.empty())
        return std::nullopt;
    const spec::StructureIssue& first = issues.front();
    QString message = QStringLiteral("the spec does not match the inputs: ") + first.message;
    if (issues.size() > 1)
        message += QStringLiteral(" (and %1 more structure problems)").arg(issues.size() - 1);
    return Error(message, first.path.isEmpty() ? QStringLiteral("the top level") : first.path,
                 origin);
}

} // namespace ds::session
