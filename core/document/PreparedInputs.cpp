#include "PreparedInputs.h"

namespace ds::document {

PreparedInputs prepareInputs(LoadedInputs loaded) {
    PreparedInputs prepared;
    auto tree = std::make_shared<spec::ExportTree>(loaded.root, kEditingLayout);
    prepared.spec = spec::ShapeSpec::allDynamic(*tree);
    prepared.names = DimNameIndex(prepared.spec);
    prepared.tree = std::move(tree);
    prepared.loaded = std::move(loaded);
    return prepared;
}

Result<PreparedInputs> loadPreparedInputs(const QString& path) {
    auto loaded = formats::openInputs(path);
    if (!loaded)
        return loaded.error();
    return prepareInputs(std::move(loaded).value());
}

Result<PreparedInputs> preparedFromTypeString(const QString& text, const QString& origin) {
    auto loaded = formats::inputsFromText(text, origin);
    if (!loaded)
        return loaded.error();
    return prepareInputs(std::move(loaded).value());
}

} // namespace ds::document
