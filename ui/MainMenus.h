#pragma once

namespace ds::ui {

class MainWindow;

// File, Edit, View and Help menus with the standard shortcuts, each action
// calling the part of the window that does the work.
void installMainMenus(MainWindow& window);

} // namespace ds::ui
