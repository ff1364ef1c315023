#include "FigureFonts.h"

#include <QtMath>

namespace ds::ui::figures {

QFont figureFont(double pixelSize, bool bold) {
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setStyleHint(QFont::SansSerif); // where DejaVu is missing
    font.setPixelSize(qMax(1, qRound(pixelSize)));
    font.setBold(bold);
    return font;
}

} // namespace ds::ui::figures
