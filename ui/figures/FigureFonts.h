#pragma once

#include <QFont>

namespace ds::ui::figures {

// matplotlib's default font, sized in pixels so that a figure looks the same
// whatever the screen's or the file's nominal resolution.
QFont figureFont(double pixelSize, bool bold = false);

} // namespace ds::ui::figures
