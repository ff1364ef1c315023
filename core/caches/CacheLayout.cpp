#include "CacheLayout.h"

namespace ds::caches {

QString layoutName(CacheLayout layout) {
    return layout == CacheLayout::Flat ? QStringLiteral("flat") : QStringLiteral("transformers");
}

std::optional<CacheLayout> layoutFromName(const QString& name) {
    for (CacheLayout layout : kAllLayouts)
        if (name == layoutName(layout))
            return layout;
    return std::nullopt;
}

} // namespace ds::caches
