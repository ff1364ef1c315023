// dimstudio runner: writes DimStudio's export runner, the Python module whose
// pytree registrations verify uses, for export code of one's own
// (`import dimstudio_runner; dimstudio_runner.register_for(inputs, "layers")`).
#include "CommandOptions.h"

#include "runner/PythonRunner.h"

namespace ds::cli {

int runRunner(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Write DimStudio's export runner (a Python module: its register_for(inputs, layout) "
        "registers the caches of `inputs` with torch's pytree, as `dimstudio verify` does) to "
        "OUT, or to stdout."));
    const QCommandLineOption output(QStringList{QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Where to write it (dimstudio_runner.py)."),
                                    QStringLiteral("OUT"));
    parser.addOption(output);
    if (auto done = parseArguments(parser, args))
        return *done;
    if (!parser.positionalArguments().isEmpty())
        return reportError(Error(QStringLiteral("runner takes no FILE (-o OUT to write a file)")));
    const QString source = QString::fromUtf8(runner::PythonRunner::runnerSource());
    if (!parser.isSet(output)) {
        printOut(source);
        return kExitOk;
    }
    const Status written = writeTextFile(parser.value(output), source);
    return written ? kExitOk : reportError(written.error());
}

} // namespace ds::cli
