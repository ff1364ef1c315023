#include "NodeKinds.h"

namespace ds::caches {

const std::vector<const NodeKind*>& nodeKinds() {
    static const std::vector<const NodeKind*> kinds = {
        &encoderDecoderCacheKind(), &layeredCacheKind(), &keyValueListCacheKind(),
        &cacheLayerKind(), &modelOutputKind()};
    return kinds;
}

const NodeKind* findNodeKind(const InputValue& value) {
    if (value.kind() != ValueKind::Object)
        return nullptr;
    for (const NodeKind* kind : nodeKinds())
        if (kind->matches(value))
            return kind;
    return nullptr;
}

} // namespace ds::caches
