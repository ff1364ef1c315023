// dimstudio verify: run the user's torch.export on FILE with the spec, read
// torch's verdict, apply its fixes (--fix), and say what export made of each
// dimension; with --other-inputs, check the exported program against eager.
#include "CommandOptions.h"

#include "caches/NodeKinds.h"
#include "runner/VerifyReportText.h"

#include <QFileInfo>

namespace ds::cli {

int runVerify(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Export the model with FILE's inputs and the spec (all dimensions dynamic, or --spec) "
        "in your own Python, read torch's verdict and, with --fix, apply its suggested fixes "
        "until the export passes. Exit 0 when it exports (and, with --other-inputs, matches "
        "eager), 1 when torch refuses or results differ, 2 on bad input or an environment "
        "that cannot run."));
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("The inputs: a torch.save file."));
    const QCommandLineOption model(
        QStringLiteral("model"),
        QStringLiteral("path/to/file.py:callable (returns the nn.Module) or a transformers "
                       "config.json (built with random weights)."),
        QStringLiteral("MODEL"));
    const QCommandLineOption spec = specOption(QStringLiteral(
        "The spec to export with: DimStudio JSON, a Python literal or a dynamic_axes mapping."));
    const QCommandLineOption layout(
        QStringLiteral("layout"),
        QStringLiteral("Cache layout: transformers, flat or layers (default: transformers when "
                       "every cache holds only DynamicLayers, else layers)."),
        QStringLiteral("LAYOUT"));
    const QCommandLineOption python(QStringLiteral("python"),
                                    QStringLiteral("The Python to run (a command line; default "
                                                   "python3)."),
                                    QStringLiteral("CMD"), QStringLiteral("python3"));
    const QCommandLineOption other(QStringLiteral("other-inputs"),
                                   QStringLiteral("Another input set: run the exported program "
                                                  "on it and compare with eager."),
                                   QStringLiteral("FILE2"));
    const QCommandLineOption fix(QStringLiteral("fix"),
                                 QStringLiteral("Apply torch's suggested fixes and retry."));
    const QCommandLineOption rounds(QStringLiteral("rounds"),
                                    QStringLiteral("At most N rounds with --fix (default 8)."),
                                    QStringLiteral("N"), QStringLiteral("8"));
    const QCommandLineOption trust(
        QStringLiteral("trust-pickle"),
        QStringLiteral("Let the runner unpickle FILE with weights_only=False (only for files "
                       "you trust)."));
    const QCommandLineOption format = reportFormatOption();
    const QCommandLineOption output(QStringList{QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Write the final spec there (format by "
                                                   "extension: .json, .py, .txt)."),
                                    QStringLiteral("OUT"));
    parser.addOptions({model, spec, layout, python, other, fix, rounds, trust, format, output});
    if (auto done = parseArguments(parser, args))
        return *done;
    const auto file = singleFile(parser, QStringLiteral("verify"));
    if (!file)
        return reportError(file.error());
    if (!parser.isSet(model))
        return reportError(Error(QStringLiteral("verify needs --model MODEL (file.py:callable "
                                                "or a transformers config.json)")));
    const auto modelSpec = runner::parseModelArgument(parser.value(model));
    if (!modelSpec)
        return reportError(modelSpec.error());
    const auto json = reportIsJson(parser, format);
    if (!json)
        return reportError(json.error());
    bool roundsOk = false;
    const int maxRounds = parser.value(rounds).toInt(&roundsOk);
    if (!roundsOk || maxRounds < 1)
        return reportError(Error(QStringLiteral("--rounds expects a number from 1, not '%1'")
                                     .arg(parser.value(rounds))));
    std::optional<spec::SpecFormat> outFormat;
    if (parser.isSet(output)) {
        outFormat = specFormatForPath(parser.value(output));
        if (!outFormat)
            return reportError(Error(QStringLiteral("-o: write the spec to a .json, .py or .txt "
                                                    "file"),
                                     QString(), parser.value(output)));
    }

    auto opened = openCommandSession(file.value(), parser, layout, &spec);
    if (!opened)
        return reportError(opened.error());
    session::Session session = std::move(opened.value().session);
    if (!session.inputs().hasTensorData)
        return reportError(Error(QStringLiteral("verify needs a torch.save file: a %1 holds "
                                                "shapes but no tensors to export with")
                                     .arg(session.inputs().format),
                                 QString(), file.value()));
    // Without --layout (or a spec that says), the layout that carries every
    // cache faithfully.
    if (!opened.value().layoutChosen && !parser.isSet(spec) &&
        runner::verifyLayout(*session.inputs().root) == caches::CacheLayout::Layers) {
        session = session::Session(session.inputs(), caches::CacheLayout::Layers);
        printNote(QStringLiteral("layout layers: the caches hold layers whose state the "
                                 "transformers layout cannot carry (--layout to choose)"));
    }

    runner::VerifyOptions options;
    options.model = modelSpec.value();
    options.trustPickle = parser.isSet(trust);
    if (parser.isSet(other)) {
        const QFileInfo info(parser.value(other));
        if (!info.isFile())
            return reportError(
                Error(QStringLiteral("no such file"), QString(), parser.value(other)));
        options.otherInputs = info.absoluteFilePath();
        options.changeDims = true;
    }
    runner::PythonRunner pythonRunner(parser.value(python));
    const bool quiet = json.value();
    auto report = runner::verifySpec(pythonRunner, session, options, parser.isSet(fix), maxRounds,
                                     [quiet](const QString& message) {
                                         if (!quiet)
                                             printNote(message);
                                     });
    if (!report)
        return reportError(report.error());
    const runner::VerifyReport& r = report.value();
    printOut(json.value() ? QString::fromUtf8(runner::verifyReportToJson(r, session.tree(),
                                                                         pythonRunner.command()))
                          : runner::verifyReportToText(r, session.tree(), pythonRunner.command()));
    if (outFormat) {
        const Status written = writeTextFile(
            parser.value(output), spec::writeSpec(*outFormat, session.tree(), r.finalSpec));
        if (!written)
            return reportError(written.error());
    }
    return r.succeeded() ? kExitOk : kExitFindings;
}

} // namespace ds::cli
