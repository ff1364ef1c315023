#include "PreparedInputs.h"

#include "caches/CacheLayers.h"
#include "formats/InputFormats.h"

namespace ds::document {

PreparedInputs prepareSession(session::Session session) {
    PreparedInputs prepared;
    prepared.names = DimNameIndex(session.spec());
    prepared.session = std::move(session);
    return prepared;
}

PreparedInputs prepareInputs(LoadedInputs loaded) {
    // Caches whose layers carry more than keys and values are edited in the
    // layers layout, where each layer shows its kind and state.
    const caches::CacheLayout layout = caches::faithfulLayout(*loaded.root);
    return prepareSession(session::Session(std::move(loaded), layout));
}

Result<PreparedInputs> loadPreparedInputs(const QString& path) {
    auto loaded = formats::openInputs(path);
    if (!loaded)
        return loaded.error();
    return prepareInputs(std::move(loaded).value());
}

Result<PreparedInputs> preparedFromText(const QString& text, const QString& origin) {
    auto loaded = formats::inputsFromText(text, origin);
    if (!loaded)
        return loaded.error();
    return prepareInputs(std::move(loaded).value());
}

} // namespace ds::document
