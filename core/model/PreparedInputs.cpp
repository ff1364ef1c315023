#include "PreparedInputs.h"

namespace ds {

PreparedInputs prepareInputs(LoadedInputs loaded) {
    PreparedInputs prepared;
    auto tree = std::make_shared<ExportTree>(loaded.root, kEditingLayout);
    prepared.spec = ShapeSpec::allDynamic(*tree);
    prepared.names = DimNameIndex(prepared.spec);
    prepared.tree = std::move(tree);
    prepared.loaded = std::move(loaded);
    return prepared;
}

Result<PreparedInputs> loadPreparedInputs(const QString& path) {
    auto loaded = loadInputs(path);
    if (!loaded)
        return loaded.error();
    return prepareInputs(std::move(loaded).value());
}

Result<PreparedInputs> preparedFromTypeString(const QString& text, const QString& origin) {
    auto loaded = loadInputsFromTypeString(text, origin);
    if (!loaded)
        return loaded.error();
    return prepareInputs(std::move(loaded).value());
}

} // namespace ds
