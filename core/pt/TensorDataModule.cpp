#include "TensorDataModule.h"

#include "OnDemandModule.h"

#include <QLibrary>

#include <mutex>

namespace ds::pt {

namespace {

const char kBaseName[] = "dimstudio_tensordata";

OnDemandModule description() {
#ifdef DIMSTUDIO_TENSORDATA_BUILD_DIR
    const QString buildDir = QStringLiteral(DIMSTUDIO_TENSORDATA_BUILD_DIR);
#else
    const QString buildDir;
#endif
    return {kBaseName, "DIMSTUDIO_TENSORDATA_MODULE", "tensordata", buildDir};
}

Result<const TensorDataModule*> loadOnce(TensorDataModule* module, QString* path,
                                         ds_tensordata_stats_fn* stats) {
    auto loaded = loadOnDemandModule(description(), [stats](QLibrary& library) {
        auto version = reinterpret_cast<ds_tensordata_abi_version_fn>(
            library.resolve("ds_tensordata_abi_version"));
        auto compute =
            reinterpret_cast<ds_tensordata_stats_fn>(library.resolve("ds_tensordata_stats"));
        if (!version || !compute || version() != DS_TENSORDATA_ABI_VERSION)
            return false;
        *stats = compute;
        return true;
    });
    if (!loaded)
        return Error(QStringLiteral("tensor values need the LibTorch module lib%1.so, which was "
                                    "not found or did not load; looked in: %2")
                         .arg(QLatin1String(kBaseName), loaded.error().message));
    *path = loaded.value();
    return module;
}

} // namespace

Result<const TensorDataModule*> TensorDataModule::instance() {
    static TensorDataModule module;
    static std::once_flag once;
    static Result<const TensorDataModule*> loaded(Error(QStringLiteral("not loaded")));
    std::call_once(once, [] { loaded = loadOnce(&module, &module.m_path, &module.m_stats); });
    return loaded;
}

Result<ds_tensor_stats> TensorDataModule::stats(const ds_tensor_view& view) const {
    ds_tensor_stats out;
    if (m_stats(&view, &out) != 0)
        return Error(QStringLiteral("LibTorch could not summarise the tensor: %1")
                         .arg(QString::fromUtf8(out.error)));
    return out;
}

} // namespace ds::pt
