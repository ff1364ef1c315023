#pragma once

#include <QString>

namespace ds::text {

// "1 tensor", "3 tensors": English counts without a translation file (tr's
// %n would print "3 tensor(s)").
inline QString countOf(qint64 n, const QString& one, const QString& many) {
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

} // namespace ds::text
