#include "BoundText.h"

namespace ds::spec {

bool parseBoundText(const QString& text, std::optional<qint64>& bound) {
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) {
        bound.reset();
        return true;
    }
    bool ok = false;
    const qint64 value = trimmed.toLongLong(&ok);
    if (ok)
        bound = value;
    return ok;
}

} // namespace ds::spec
