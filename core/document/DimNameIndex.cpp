#include "DimNameIndex.h"

#include <algorithm>

namespace ds::document {

namespace {

bool carriesName(const spec::DimSpec& s) {
    return s.kind == spec::DimSpec::Kind::Named || s.kind == spec::DimSpec::Kind::Derived;
}

} // namespace

DimNameIndex::DimNameIndex(const spec::ShapeSpec& spec) {
    for (int t = 0; t < spec.tensorCount(); ++t)
        for (int d = 0; d < spec.rank(t); ++d)
            if (carriesName(spec.dim(t, d)))
                m_byName[spec.dim(t, d).name].push_back({t, d});
}

std::vector<spec::DimRef> DimNameIndex::dimsNamed(const QString& name) const {
    const QVector<spec::DimRef> refs = m_byName.value(name);
    std::vector<spec::DimRef> sorted(refs.begin(), refs.end());
    std::sort(sorted.begin(), sorted.end());
    return sorted;
}

void DimNameIndex::update(spec::DimRef ref, const spec::DimSpec& before,
                          const spec::DimSpec& after) {
    const bool had = carriesName(before);
    const bool has = carriesName(after);
    if (had && has && before.name == after.name)
        return;
    if (had) {
        auto it = m_byName.find(before.name);
        if (it != m_byName.end()) {
            it->removeOne(ref);
            if (it->isEmpty())
                m_byName.erase(it);
        }
    }
    if (has)
        m_byName[after.name].push_back(ref);
}

DimsNamed namesFrom(const DimNameIndex& index) {
    return [&index](const QString& name) { return index.dimsNamed(name); };
}

DimsNamed namesByScanning(const spec::ShapeSpec& spec) {
    return [&spec](const QString& name) { return spec.dimsNamed(name); };
}

} // namespace ds::document
