// dimstudio: the desktop app, and a command line whose sub-commands need no display.
#include "CommandLine.h"
#include "DesktopApp.h"

#include <QCoreApplication>

#include <cstring>
#include <functional>

namespace {

struct SubCommand {
    const char* name;
    std::function<int(const QStringList&)> run;
};

const SubCommand kSubCommands[] = {
    {"inspect", ds::cli::runInspect},
    {"spec", ds::cli::runSpec},
};

void printUsage() {
    ds::cli::printOut(QStringLiteral(
        "Usage: dimstudio [FILE] [--reference REF]          open the desktop app\n"
        "       dimstudio --screenshot OUT.png [FILE] [--reference REF]\n"
        "       dimstudio inspect FILE                      compact type string\n"
        "       dimstudio spec FILE [--layout L] [--format F] [--spec SPEC]\n"
        "       dimstudio --version\n"
        "Run 'dimstudio COMMAND --help' for a command's options.\n"));
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication::setApplicationName(QStringLiteral("DimStudio"));
    QCoreApplication::setOrganizationName(QStringLiteral("DimStudio"));
    QCoreApplication::setApplicationVersion(QStringLiteral(DIMSTUDIO_VERSION));
    if (argc >= 2) {
        const char* first = argv[1];
        if (std::strcmp(first, "--version") == 0) {
            ds::cli::printOut(QStringLiteral("dimstudio %1\n").arg(QStringLiteral(DIMSTUDIO_VERSION)));
            return 0;
        }
        if (std::strcmp(first, "--help") == 0 || std::strcmp(first, "-h") == 0) {
            printUsage();
            return 0;
        }
        for (const SubCommand& sub : kSubCommands) {
            if (std::strcmp(first, sub.name) == 0) {
                // Command-line work needs no display: a core application only.
                QCoreApplication app(argc, argv);
                QStringList args = QCoreApplication::arguments();
                args.removeAt(1); // the sub-command; QCommandLineParser skips argv[0]
                return sub.run(args);
            }
        }
    }
    return ds::runDesktopApp(argc, argv);
}
