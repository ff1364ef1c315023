#include "ReferenceAlignment.h"

#include "spec/LayoutRemap.h"

namespace ds::session {

namespace {

caches::CacheLayout otherLayout(caches::CacheLayout layout) {
    return layout == caches::CacheLayout::Transformers ? caches::CacheLayout::Flat
                                                       : caches::CacheLayout::Transformers;
}

} // namespace

Result<SpecSourceText> readSpecSource(const QString& path) {
    auto text = analysis::readSpecText(path);
    if (!text)
        return text.error();
    return SpecSourceText{path, std::move(text).value()};
}

Result<SpecSourceText> parseSpecSource(const QByteArray& bytes, const QString& origin) {
    if (bytes.trimmed().isEmpty())
        return Error(QStringLiteral("no spec: the text is empty"), QString(), origin);
    auto text = analysis::parseSpecText(bytes);
    if (!text)
        return text.error().withFile(origin);
    return SpecSourceText{origin, std::move(text).value()};
}

spec::AlignedSpec alignInEditingLayout(const spec::ExportTree& tree,
                                       const analysis::SpecText& text) {
    spec::AlignedSpec aligned = alignReference(tree, text);
    const bool savedInOther = text.savedLayout && *text.savedLayout != tree.layout();
    if (!savedInOther && (aligned.issues.empty() || !aligned.otherLayoutFits))
        return aligned;
    const spec::ExportTree other(tree.inputs(), otherLayout(tree.layout()));
    spec::AlignedSpec inOther = alignReference(other, text);
    if (!savedInOther && inOther.issues.size() >= aligned.issues.size())
        return aligned;
    // Dims the other layout's reading did not reach stay unaligned here too.
    spec::ShapeSpec reached(other);
    for (const spec::DimRef& ref : inOther.unaligned)
        reached.setDim(ref, spec::DimSpec::named(QStringLiteral("unaligned")));
    const spec::ShapeSpec reachedHere = remapSpec(other, reached, tree);
    inOther.spec = remapSpec(other, inOther.spec, tree);
    inOther.unaligned.clear();
    for (int t = 0; t < reachedHere.tensorCount(); ++t)
        for (int d = 0; d < reachedHere.rank(t); ++d)
            if (reachedHere.dim(t, d).isDynamic())
                inOther.unaligned.push_back({t, d});
    inOther.otherLayoutFits.reset();
    return inOther;
}

} // namespace ds::session
