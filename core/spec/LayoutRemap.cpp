#include "LayoutRemap.h"

#include <QHash>

#include <vector>

namespace ds::spec {

ShapeSpec remapSpec(const ExportTree& from, const ShapeSpec& spec, const ExportTree& to) {
    QHash<const InputValue*, std::vector<int>> tensorsBySource;
    for (int t = 0; t < from.tensorCount(); ++t)
        tensorsBySource[from.tensorNode(t)->source.get()].push_back(t);

    ShapeSpec result(to);
    QHash<const InputValue*, int> seen;
    for (int u = 0; u < to.tensorCount(); ++u) {
        const InputValue* source = to.tensorNode(u)->source.get();
        const int occurrence = seen[source]++;
        const auto it = tensorsBySource.constFind(source);
        if (it == tensorsBySource.constEnd() || occurrence >= static_cast<int>(it->size()))
            continue;
        const int t = (*it)[static_cast<size_t>(occurrence)];
        if (t >= spec.tensorCount())
            continue;
        for (int d = 0; d < result.rank(u) && d < spec.rank(t); ++d)
            result.setDim({u, d}, spec.dim(t, d));
    }
    return result;
}

} // namespace ds::spec
