#pragma once

#include "Result.h"

#include <QStringList>

namespace ds::ui {

// `dimstudio [FILE...] [--reference REF]` and
// `dimstudio --screenshot OUT.png [FILE] [--reference REF]`.
struct DesktopArguments {
    QStringList files; // the first opens, the others are added as input sets
    QString reference;
    QString screenshotPath; // non-empty: render the window to this PNG and exit
};

Result<DesktopArguments> parseDesktopArguments(const QStringList& arguments);
// Whether argv asks for a screenshot, before any QApplication exists.
bool wantsScreenshot(int argc, char** argv);

} // namespace ds::ui
