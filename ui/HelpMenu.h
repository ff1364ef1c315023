#pragma once

class QMainWindow;

namespace ds::ui {

// Help: getting started, the keyboard shortcuts (read from the menus, so the
// list never drifts), the command line, About DimStudio and About Qt.
void installHelpMenu(QMainWindow& window);

} // namespace ds::ui
