#include "ShapeSpec.h"

#include "text/PythonRepr.h"

namespace ds::spec {

ShapeSpec::ShapeSpec(const ExportTree& tree) {
    m_dims.resize(static_cast<size_t>(tree.tensorCount()));
    for (int t = 0; t < tree.tensorCount(); ++t)
        m_dims[static_cast<size_t>(t)].resize(
            static_cast<size_t>(tree.tensorNode(t)->tensor().rank()));
}

ShapeSpec ShapeSpec::allDynamic(const ExportTree& tree) {
    ShapeSpec spec(tree);
    for (int t = 0; t < spec.tensorCount(); ++t) {
        for (int d = 0; d < spec.rank(t); ++d) {
            // Formatted in a buffer, one allocation per name: 100,000 tensors
            // are hundreds of thousands of names.
            char name[48] = {'d', '_'};
            int n = 2 + text::writeDecimal(t, name + 2);
            name[n++] = '_';
            n += text::writeDecimal(d, name + n);
            spec.m_dims[static_cast<size_t>(t)][static_cast<size_t>(d)] =
                DimSpec::named(QString::fromLatin1(name, n));
        }
    }
    return spec;
}

bool ShapeSpec::contains(DimRef ref) const {
    return ref.tensor >= 0 && ref.tensor < tensorCount() && ref.dim >= 0 &&
           ref.dim < rank(ref.tensor);
}

const DimSpec& ShapeSpec::dim(DimRef ref) const {
    return m_dims[static_cast<size_t>(ref.tensor)][static_cast<size_t>(ref.dim)];
}

void ShapeSpec::setDim(DimRef ref, const DimSpec& spec) {
    if (contains(ref))
        m_dims[static_cast<size_t>(ref.tensor)][static_cast<size_t>(ref.dim)] = spec;
}

std::vector<DimRef> ShapeSpec::dimsNamed(const QString& name) const {
    std::vector<DimRef> refs;
    for (int t = 0; t < tensorCount(); ++t)
        for (int d = 0; d < rank(t); ++d) {
            const DimSpec& s = dim(t, d);
            if ((s.kind == DimSpec::Kind::Named || s.kind == DimSpec::Kind::Derived) &&
                s.name == name)
                refs.push_back({t, d});
        }
    return refs;
}

QStringList ShapeSpec::names() const {
    QStringList result;
    for (const auto& dims : m_dims)
        for (const DimSpec& s : dims)
            if ((s.kind == DimSpec::Kind::Named || s.kind == DimSpec::Kind::Derived) &&
                !result.contains(s.name))
                result << s.name;
    return result;
}

int ShapeSpec::renameEverywhere(const QString& from, const QString& to) {
    int changed = 0;
    for (auto& dims : m_dims)
        for (DimSpec& s : dims)
            if ((s.kind == DimSpec::Kind::Named || s.kind == DimSpec::Kind::Derived) &&
                s.name == from) {
                s.name = to;
                ++changed;
            }
    return changed;
}

int ShapeSpec::setBoundsForName(const QString& name, std::optional<qint64> min,
                                std::optional<qint64> max) {
    int changed = 0;
    for (auto& dims : m_dims)
        for (DimSpec& s : dims)
            if (s.kind == DimSpec::Kind::Named && s.name == name) {
                s.min = min;
                s.max = max;
                ++changed;
            }
    return changed;
}

std::vector<DimRef> ShapeSpec::dimsWithSizeAt(const ExportTree& tree, int position, qint64 size) {
    std::vector<DimRef> refs;
    for (int t = 0; t < tree.tensorCount(); ++t) {
        const auto& shape = tree.tensorNode(t)->tensor().shape;
        if (position >= 0 && position < static_cast<int>(shape.size()) &&
            shape[static_cast<size_t>(position)] == size)
            refs.push_back({t, position});
    }
    return refs;
}

std::vector<DimRef> ShapeSpec::applyToSizeAt(const ExportTree& tree, int position, qint64 size,
                                             const DimSpec& spec) {
    std::vector<DimRef> changed;
    for (const DimRef& ref : dimsWithSizeAt(tree, position, size)) {
        if (!contains(ref) || dim(ref) == spec)
            continue;
        setDim(ref, spec);
        changed.push_back(ref);
    }
    return changed;
}

int ShapeSpec::dynamicCount() const {
    int n = 0;
    for (const auto& dims : m_dims)
        for (const DimSpec& s : dims)
            n += s.isDynamic() ? 1 : 0;
    return n;
}

} // namespace ds::spec
