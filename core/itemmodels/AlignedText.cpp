#include "AlignedText.h"

#include <algorithm>

namespace ds::itemmodels {

QString alignedText(const QList<QStringList>& rows, const QList<int>& indent) {
    auto firstCell = [&](int r) {
        const int pad = r < indent.size() ? indent[r] : 0;
        return QString(pad, QLatin1Char(' ')) + rows[r].value(0);
    };
    QList<int> widths;
    for (int r = 0; r < rows.size(); ++r)
        for (int c = 0; c < rows[r].size(); ++c) {
            const int w = c == 0 ? static_cast<int>(firstCell(r).size())
                                 : static_cast<int>(rows[r][c].size());
            if (c >= widths.size())
                widths.push_back(w);
            else
                widths[c] = std::max(widths[c], w);
        }
    QStringList lines;
    for (int r = 0; r < rows.size(); ++r) {
        QString line;
        for (int c = 0; c < rows[r].size(); ++c) {
            const QString cell = c == 0 ? firstCell(r) : rows[r][c];
            if (c > 0)
                line += QStringLiteral("  ");
            line += cell.leftJustified(widths[c]);
        }
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        lines << line;
    }
    return lines.join(QLatin1Char('\n')) + (lines.isEmpty() ? QString() : QStringLiteral("\n"));
}

} // namespace ds::itemmodels
