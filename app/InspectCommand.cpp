#include "CommandLine.h"

#include "text/TypeString.h"

#include <QCommandLineParser>

namespace ds::cli {

int runInspect(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Print the compact type string of FILE's inputs."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("A .pt file, a type string or DimStudio JSON."));
    parser.addHelpOption();
    if (!parser.parse(args))
        return reportError(Error(parser.errorText()));
    if (parser.isSet(QStringLiteral("help"))) {
        printOut(parser.helpText());
        return kExitOk;
    }
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1)
        return reportError(Error(QStringLiteral("inspect takes exactly one FILE")));
    auto loaded = loadInputsReporting(files.first());
    if (!loaded)
        return reportError(loaded.error());
    printOut(typeString(*loaded.value().root) + QLatin1Char('\n'));
    return kExitOk;
}

} // namespace ds::cli
