#include "TensorDataModule.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibrary>

#include <mutex>

namespace ds::pt {

namespace {

const char kBaseName[] = "dimstudio_tensordata";

Result<const TensorDataModule*> loadOnce(TensorDataModule* module, QString* path,
                                         ds_tensordata_stats_fn* stats) {
    QStringList tried;
    for (const QString& candidate : TensorDataModule::searchLocations()) {
        QLibrary library(candidate);
        if (!library.load()) {
            tried << QStringLiteral("%1 (%2)").arg(candidate, library.errorString());
            continue;
        }
        auto version = reinterpret_cast<ds_tensordata_abi_version_fn>(
            library.resolve("ds_tensordata_abi_version"));
        auto compute =
            reinterpret_cast<ds_tensordata_stats_fn>(library.resolve("ds_tensordata_stats"));
        if (!version || !compute || version() != DS_TENSORDATA_ABI_VERSION) {
            tried
                << QStringLiteral("%1 (not a matching tensor-data module)").arg(library.fileName());
            library.unload();
            continue;
        }
        // Deliberately never unloaded: LibTorch does not support it.
        *path = library.fileName();
        *stats = compute;
        return module;
    }
    return Error(QStringLiteral("tensor values need the LibTorch module lib%1.so, which was not "
                                "found or did not load; looked in: %2")
                     .arg(QLatin1String(kBaseName), tried.join(QStringLiteral("; "))));
}

} // namespace

QStringList TensorDataModule::searchLocations() {
    QStringList locations;
    const QString explicitPath = qEnvironmentVariable("DIMSTUDIO_TENSORDATA_MODULE");
    if (!explicitPath.isEmpty())
        locations << explicitPath;
    QStringList dirs;
    if (QCoreApplication::instance()) {
        const QString app = QCoreApplication::applicationDirPath();
        dirs << app << app + QStringLiteral("/../lib/dimstudio")
             << app + QStringLiteral("/../core/tensordata")
             << app + QStringLiteral("/../../core/tensordata");
    }
#ifdef DIMSTUDIO_TENSORDATA_BUILD_DIR
    dirs << QStringLiteral(DIMSTUDIO_TENSORDATA_BUILD_DIR);
#endif
    for (const QString& dir : dirs) {
        const QString candidate = QDir::cleanPath(dir + QLatin1Char('/') + QLatin1String("lib") +
                                                  QLatin1String(kBaseName) + QLatin1String(".so"));
        if (!locations.contains(candidate) && QFileInfo::exists(candidate))
            locations << candidate;
    }
    if (locations.isEmpty())
        locations << QLatin1String(kBaseName); // the system's library path
    return locations;
}

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
