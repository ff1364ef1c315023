#pragma once

#include "Result.h"

class QString;

namespace ds::ui {

class MainWindow;

// Renders the window as a user would see it after opening (tree expanded to
// the tensors, one dimension selected so that shared names show, preview
// written) into a PNG. Works on the offscreen platform.
Status renderScreenshot(MainWindow& window, const QString& path);

} // namespace ds::ui
