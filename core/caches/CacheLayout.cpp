#include "CacheLayout.h"

namespace ds::caches {

QString layoutName(CacheLayout layout) {
    switch (layout) {
    case CacheLayout::Flat:
        return QStringLiteral("flat");
    case CacheLayout::Layers:
        return QStringLiteral("layers");
    case CacheLayout::Transformers:
        break;
    }
    return QStringLiteral("transformers");
}

std::optional<CacheLayout> layoutFromName(const QString& name) {
    for (CacheLayout layout : kAllLayouts)
        if (name == layoutName(layout))
            return layout;
    return std::nullopt;
}

} // namespace ds::caches
