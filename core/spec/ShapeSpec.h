#pragma once

#include "DimSpec.h"
#include "ExportTree.h"

#include <vector>

namespace ds::spec {

// Addresses one dimension: tensor index in flattening order, dimension index.
struct DimRef {
    int tensor = -1;
    int dim = -1;
    bool operator==(const DimRef& o) const { return tensor == o.tensor && dim == o.dim; }
    bool operator!=(const DimRef& o) const { return !(*this == o); }
    bool operator<(const DimRef& o) const {
        return tensor < o.tensor || (tensor == o.tensor && dim < o.dim);
    }
};

// One DimSpec per dimension of every tensor of an ExportTree. Core operations
// (rename, share, bulk edits) live here so that the UI and the command line
// do the same thing.
class ShapeSpec {
public:
    ShapeSpec() = default;
    // Every dimension static.
    explicit ShapeSpec(const ExportTree& tree);
    // formats.md §2: tensor i, dimension j is dynamic and named d_i_j.
    static ShapeSpec allDynamic(const ExportTree& tree);

    int tensorCount() const { return static_cast<int>(m_dims.size()); }
    int rank(int tensor) const {
        return static_cast<int>(m_dims[static_cast<size_t>(tensor)].size());
    }
    bool contains(DimRef ref) const;
    const DimSpec& dim(DimRef ref) const;
    const DimSpec& dim(int tensor, int d) const { return dim(DimRef{tensor, d}); }
    void setDim(DimRef ref, const DimSpec& spec);
    const std::vector<DimSpec>& tensorDims(int tensor) const {
        return m_dims[static_cast<size_t>(tensor)];
    }

    // Every dimension carrying `name` (Named, or the base of a Derived).
    std::vector<DimRef> dimsNamed(const QString& name) const;
    // All names in use, in first-use order.
    QStringList names() const;
    // Renames `from` to `to` everywhere (sharing follows); returns how many dims changed.
    int renameEverywhere(const QString& from, const QString& to);
    // Bounds live with the name: set them on every dimension sharing it.
    int setBoundsForName(const QString& name, std::optional<qint64> min, std::optional<qint64> max);
    // Every dimension at position `position` whose example size is `size`
    // (the usual batch/sequence case); returns the refs it matched.
    static std::vector<DimRef> dimsWithSizeAt(const ExportTree& tree, int position, qint64 size);
    // Applies `spec` to all those dims; returns the refs changed.
    std::vector<DimRef> applyToSizeAt(const ExportTree& tree, int position, qint64 size,
                                      const DimSpec& spec);
    int dynamicCount() const;

    bool operator==(const ShapeSpec& o) const { return m_dims == o.m_dims; }
    bool operator!=(const ShapeSpec& o) const { return !(*this == o); }

private:
    std::vector<std::vector<DimSpec>> m_dims;
};

} // namespace ds::spec
