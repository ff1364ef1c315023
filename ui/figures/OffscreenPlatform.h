#pragma once

namespace ds::ui::figures {

// Figures need a QApplication (QCustomPlot is a widget) but the command line
// must run without a display: picks Qt's offscreen platform when neither X11
// nor Wayland is available and the user did not choose a platform. Call it
// before the QApplication is created.
void useOffscreenPlatformWithoutDisplay();

} // namespace ds::ui::figures
