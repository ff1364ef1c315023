#pragma once

#include "Result.h"

#include <QStringList>

namespace ds::ui {

// `dimstudio [FILE...] [--spec SPEC] [--reference REF] [--exported ARTIFACT]`
// and the same with `--screenshot OUT.png`.
struct DesktopArguments {
    QStringList files; // the first opens, the others are added as input sets
    QString spec;      // a spec opened on the inputs
    QString reference;
    QString exported;       // a saved exported program or ONNX model compared with the spec
    QString screenshotPath; // non-empty: render the window to this PNG and exit
};

Result<DesktopArguments> parseDesktopArguments(const QStringList& arguments);
// Whether argv asks for a screenshot, before any QApplication exists.
bool wantsScreenshot(int argc, char** argv);

} // namespace ds::ui
