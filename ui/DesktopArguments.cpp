#include "DesktopArguments.h"

#include <QCommandLineParser>

#include <cstring>

namespace ds::ui {

Result<DesktopArguments> parseDesktopArguments(const QStringList& arguments) {
    QCommandLineParser parser;
    const QCommandLineOption reference(QStringLiteral("reference"),
                                       QStringLiteral("A reference spec to compare with."),
                                       QStringLiteral("REF"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"), QStringLiteral("Render the main window to OUT.png and exit."),
        QStringLiteral("OUT"));
    const QCommandLineOption spec(QStringLiteral("spec"),
                                  QStringLiteral("A spec to open on the inputs."),
                                  QStringLiteral("SPEC"));
    const QCommandLineOption exported(
        QStringLiteral("exported"),
        QStringLiteral("A saved exported program or ONNX model to compare with the spec."),
        QStringLiteral("ARTIFACT"));
    parser.addOptions({reference, screenshot, spec, exported});
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Inputs to open."));
    if (!parser.parse(arguments))
        return Error(parser.errorText());
    DesktopArguments parsed;
    parsed.files = parser.positionalArguments();
    parsed.reference = parser.value(reference);
    parsed.spec = parser.value(spec);
    parsed.exported = parser.value(exported);
    parsed.screenshotPath = parser.value(screenshot);
    return parsed;
}

bool wantsScreenshot(int argc, char** argv) {
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--screenshot") == 0 ||
            std::strncmp(argv[i], "--screenshot=", 13) == 0)
            return true;
    return false;
}

} // namespace ds::ui
