// dimstudio: the desktop app, and a command line whose sub-commands need no display.
#include "DesktopApp.h"
#include "DesktopArguments.h"
#include "MemoryCeiling.h"
#include "OffscreenPlatform.h"
#include "cli/CommandLine.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFileInfo>

#include <cstring>
#include <functional>
#include <memory>
#include <new>

namespace {

struct SubCommand {
    const char* name;
    std::function<int(const QStringList&)> run;
    bool drawsFigures = false; // QCustomPlot draws with widgets: needs a QApplication
};

const SubCommand kSubCommands[] = {
    {"inspect", ds::cli::runInspect}, {"spec", ds::cli::runSpec},
    {"plot", ds::cli::runPlot, true}, {"compare", ds::cli::runCompare},
    {"check", ds::cli::runCheck},     {"guess", ds::cli::runGuess},
    {"verify", ds::cli::runVerify},   {"fix", ds::cli::runFix},
    {"runner", ds::cli::runRunner},   {"diff", ds::cli::runDiff},
};

// Command-line work needs no display: a core application, or for figures a
// QApplication on the offscreen platform when there is no display.
std::unique_ptr<QCoreApplication> makeApplication(const SubCommand& sub, int& argc, char** argv) {
    if (!sub.drawsFigures)
        return std::make_unique<QCoreApplication>(argc, argv);
    ds::ui::figures::useOffscreenPlatformWithoutDisplay();
    return std::make_unique<QApplication>(argc, argv);
}

void printUsage() {
    ds::cli::printOut(QStringLiteral(
        "Usage: dimstudio [FILE] [--spec SPEC] [--reference REF] [--exported ARTIFACT]\n"
        "                                                   open the desktop app\n"
        "       dimstudio --screenshot OUT.png [FILE] [--spec SPEC] [--reference REF]\n"
        "                             [--exported ARTIFACT]\n"
        "       dimstudio inspect FILE                      compact type string\n"
        "       dimstudio spec FILE [--layout L] [--format F] [--spec SPEC]\n"
        "       dimstudio plot legend TEXT [--bottom TEXT] [--color C]\n"
        "                             [--size PX] -o OUT.png|.svg|.pdf\n"
        "       dimstudio plot shapes FILE [--spec SPEC] [--reference REF]\n"
        "                             [--layout L] [--page N] -o OUT\n"
        "       dimstudio compare FILE --reference REF [--spec SPEC] [--layout L]\n"
        "                             [--format text|json]\n"
        "       dimstudio check FILE [--spec SPEC] [--layout L] [--format text|json]\n"
        "       dimstudio guess FILE FILE... [--format F] [--names position|semantic]\n"
        "       dimstudio verify FILE --model MODEL [--spec SPEC] [--layout L] [--python CMD]\n"
        "                             [--other-inputs FILE2] [--fix] [--format text|json] [-o "
        "OUT]\n"
        "       dimstudio fix FILE --torch-error LOG [--spec SPEC] [--layout L] [-o OUT]\n"
        "       dimstudio diff FILE --exported ARTIFACT [--spec SPEC] [--layout L]\n"
        "                             [--format text|json] [--all]\n"
        "       dimstudio runner [-o dimstudio_runner.py]   the export runner's registrations\n"
        "       dimstudio --version\n"
        "Run 'dimstudio COMMAND --help' for a command's options.\n"));
}

// Before Qt would abort: a first argument that is neither a command nor a
// file (a typo, or a command of a newer DimStudio), and a window asked for
// where there is no display, are errors on one line.
ds::Status checkWindowCanOpen(int argc, char** argv) {
    if (ds::ui::wantsScreenshot(argc, argv))
        return ds::okStatus(); // draws offscreen
    if (argc >= 2 && argv[1][0] != '-') {
        const QString first = QString::fromLocal8Bit(argv[1]);
        if (!QFileInfo::exists(first) && !first.contains(QLatin1Char('/')) &&
            !first.contains(QLatin1Char('.')))
            return ds::Error(QStringLiteral("'%1' is neither a dimstudio command nor a file; "
                                            "'dimstudio --help' lists the commands")
                                 .arg(first),
                             QStringLiteral("argument 1"));
    }
    if (qEnvironmentVariableIsSet("QT_QPA_PLATFORM") || !qEnvironmentVariableIsEmpty("DISPLAY") ||
        !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        return ds::okStatus();
    return ds::Error(QStringLiteral("no display to open the window on (neither DISPLAY nor "
                                    "WAYLAND_DISPLAY is set): run a command ('dimstudio --help'), "
                                    "make a picture with --screenshot OUT.png, or set "
                                    "QT_QPA_PLATFORM=offscreen"),
                     QStringLiteral("the environment"));
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication::setApplicationName(QStringLiteral("DimStudio"));
    QCoreApplication::setOrganizationName(QStringLiteral("DimStudio"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DIMSTUDIO_VERSION));
    // Before anything large is built: a file made to exhaust memory must end in
    // an error, for the app and every command alike.
    if (const auto ceiling = ds::applyMemoryCeiling(); !ceiling)
        return ds::cli::reportError(ceiling.error());
    if (argc >= 2) {
        const char* first = argv[1];
        if (std::strcmp(first, "--version") == 0) {
            ds::cli::printOut(
                QStringLiteral("dimstudio %1\n").arg(QStringLiteral(DIMSTUDIO_VERSION)));
            return 0;
        }
        if (std::strcmp(first, "--help") == 0 || std::strcmp(first, "-h") == 0) {
            printUsage();
            return 0;
        }
        for (const SubCommand& sub : kSubCommands) {
            if (std::strcmp(first, sub.name) == 0) {
                const auto app = makeApplication(sub, argc, argv);
                QStringList args = QCoreApplication::arguments();
                args.removeAt(1); // the sub-command; QCommandLineParser skips argv[0]
                try {
                    return sub.run(args);
                } catch (const std::bad_alloc&) {
                    return ds::cli::reportOutOfMemory(QString::fromLatin1(sub.name));
                }
            }
        }
    }
    if (const ds::Status usable = checkWindowCanOpen(argc, argv); !usable)
        return ds::cli::reportError(usable.error());
    return ds::runDesktopApp(argc, argv);
}
