#include "MemoryCeiling.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>

namespace ds {

namespace {

constexpr qint64 kMiB = 1 << 20;
constexpr qint64 kDefaultMax = qint64(8) << 30;

MemoryCeiling g_applied;

qint64 physicalMemory() {
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGESIZE);
    return pages > 0 && pageSize > 0 ? qint64(pages) * pageSize : 0;
}

} // namespace

Result<MemoryCeiling> applyMemoryCeiling() {
    MemoryCeiling ceiling;
    const QByteArray text = qgetenv("DIMSTUDIO_MEMORY_LIMIT").trimmed();
    if (!text.isEmpty()) {
        ceiling.origin = QStringLiteral("DIMSTUDIO_MEMORY_LIMIT");
        bool ok = false;
        const qint64 mib = text.toLongLong(&ok);
        if (text == "none" || (ok && mib == 0)) {
            g_applied = ceiling;
            return ceiling;
        }
        if (!ok || mib < 64 || mib > (qint64(1) << 40))
            return Error(QStringLiteral("DIMSTUDIO_MEMORY_LIMIT is \"%1\": give MiB from 64 up, "
                                        "or 0 for no ceiling")
                             .arg(QString::fromLocal8Bit(text)),
                         QStringLiteral("the environment"));
        ceiling.bytes = mib * kMiB;
    } else {
        ceiling.origin = QStringLiteral("default");
        ceiling.bytes = std::min(kDefaultMax, physicalMemory() / 2);
    }
#ifdef DIMSTUDIO_SANITIZED
    ceiling.bytes = 0;
#endif
    if (ceiling.bytes > 0) {
        rlimit limit{};
        if (getrlimit(RLIMIT_AS, &limit) == 0) {
            // Never raise a ceiling someone set before us.
            const auto wanted = static_cast<rlim_t>(ceiling.bytes);
            if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < wanted)
                ceiling.bytes = static_cast<qint64>(limit.rlim_cur);
            else
                limit.rlim_cur = wanted;
            if (setrlimit(RLIMIT_AS, &limit) != 0)
                ceiling.bytes = 0;
        }
    }
    g_applied = ceiling;
    return ceiling;
}

MemoryCeiling memoryCeiling() {
    return g_applied;
}

QString outOfMemoryMessage(const QString& during) {
    const MemoryCeiling ceiling = memoryCeiling();
    if (ceiling.bytes <= 0)
        return QStringLiteral("out of memory %1").arg(during);
    return QStringLiteral("out of memory %1: DimStudio's ceiling of %2 MiB was reached (set "
                          "DIMSTUDIO_MEMORY_LIMIT in MiB to change it)")
        .arg(during)
        .arg(ceiling.bytes / kMiB);
}

} // namespace ds
