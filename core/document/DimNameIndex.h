#pragma once

#include "spec/ShapeSpec.h"

#include <QHash>
#include <QVector>

#include <functional>

namespace ds::document {

// Which dimensions carry each name (Named, or the base of a Derived), kept up
// to date edit by edit. "Every dimension sharing this name" is asked on every
// toggle, rename and selection; over 100,000 tensors a scan of the whole
// spec each time would be felt.
class DimNameIndex {
public:
    DimNameIndex() = default;
    explicit DimNameIndex(const spec::ShapeSpec& spec);

    // In flattening order.
    std::vector<spec::DimRef> dimsNamed(const QString& name) const;
    int count(const QString& name) const { return static_cast<int>(m_byName.value(name).size()); }
    void update(spec::DimRef ref, const spec::DimSpec& before, const spec::DimSpec& after);

private:
    QHash<QString, QVector<spec::DimRef>> m_byName;
};

// How the edit functions find the dims of a name: from an index, or by scanning.
using DimsNamed = std::function<std::vector<spec::DimRef>(const QString&)>;
DimsNamed namesFrom(const DimNameIndex& index);
DimsNamed namesByScanning(const spec::ShapeSpec& spec);

} // namespace ds::document
