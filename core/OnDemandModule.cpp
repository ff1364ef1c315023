#include "OnDemandModule.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibrary>

namespace ds {

QStringList moduleLocations(const OnDemandModule& module) {
    QStringList locations;
    const QString explicitPath = qEnvironmentVariable(module.envVar);
    if (!explicitPath.isEmpty())
        locations << explicitPath;
    const QString folder = QLatin1String(module.folder);
    QStringList dirs;
    if (QCoreApplication::instance()) {
        const QString app = QCoreApplication::applicationDirPath();
        dirs << app << app + QStringLiteral("/../lib/dimstudio")
             << app + QStringLiteral("/../core/") + folder
             << app + QStringLiteral("/../../core/") + folder;
    }
    if (!module.buildDir.isEmpty())
        dirs << module.buildDir;
    const QString file =
        QStringLiteral("lib") + QLatin1String(module.baseName) + QStringLiteral(".so");
    for (const QString& dir : dirs) {
        const QString candidate = QDir::cleanPath(dir + QLatin1Char('/') + file);
        if (!locations.contains(candidate) && QFileInfo::exists(candidate))
            locations << candidate;
    }
    if (locations.isEmpty())
        locations << QLatin1String(module.baseName); // the system's library path
    return locations;
}

Result<QString> loadOnDemandModule(const OnDemandModule& module,
                                   const std::function<bool(QLibrary&)>& accept) {
    QStringList tried;
    for (const QString& candidate : moduleLocations(module)) {
        QLibrary library(candidate);
        if (!library.load()) {
            tried << QStringLiteral("%1 (%2)").arg(candidate, library.errorString());
            continue;
        }
        if (!accept(library)) {
            tried << QStringLiteral("%1 (not a matching module)").arg(library.fileName());
            library.unload();
            continue;
        }
        // Deliberately never unloaded: LibTorch does not support it, and
        // protobuf's registered descriptors must outlive every reader.
        return library.fileName();
    }
    return Error(tried.join(QStringLiteral("; ")));
}

} // namespace ds
