#pragma once

namespace ds {

// Starts the desktop application (QApplication, main window) and returns its exit code.
int runDesktopApp(int argc, char** argv);

} // namespace ds
