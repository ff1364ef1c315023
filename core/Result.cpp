#include "Result.h"

namespace ds {

QString Error::toString() const {
    QString text;
    if (!file.isEmpty())
        text = file + QStringLiteral(": ");
    text += message;
    if (!where.isEmpty())
        text += QStringLiteral(" (at %1)").arg(where);
    return text;
}

} // namespace ds
