// dimstudio diff: what a saved exported program made of each dimension that
// a spec asked for (kept, specialized, merged, bounds, extra).
#include "CommandOptions.h"

#include "exported/ExportDiff.h"
#include "exported/ExportedArtifact.h"

namespace ds::cli {

int runDiff(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Compare the spec asked for FILE's inputs with what a saved exported program "
        "(torch.export.save, torch 2.6 to 2.14) or an ONNX model made of each dimension. Exit 0 "
        "when export kept "
        "exactly what was asked, 1 when anything differs, 2 on bad input."));
    parser.addPositionalArgument(
        QStringLiteral("FILE"),
        QStringLiteral("The example inputs the program was exported with."));
    const QCommandLineOption spec = specOption(QStringLiteral(
        "The spec export was given: DimStudio JSON, a Python literal (default: all dynamic)."));
    const QCommandLineOption exportedOption(
        QStringLiteral("exported"),
        QStringLiteral("The saved exported program (.pt2) or ONNX model (.onnx)."),
        QStringLiteral("ARTIFACT"));
    const QCommandLineOption layout = layoutOption();
    const QCommandLineOption format = reportFormatOption();
    const QCommandLineOption all(QStringLiteral("all"),
                                 QStringLiteral("List every dimension, kept ones too (text)."));
    parser.addOptions({spec, exportedOption, layout, format, all});
    if (auto done = parseArguments(parser, args))
        return *done;
    const auto file = singleFile(parser, QStringLiteral("diff"));
    if (!file)
        return reportError(file.error());
    if (!parser.isSet(exportedOption))
        return reportError(Error(QStringLiteral("diff needs --exported ARTIFACT")));
    const auto json = reportIsJson(parser, format);
    if (!json)
        return reportError(json.error());
    const auto program = exported::readExportedArtifact(parser.value(exportedOption));
    if (!program)
        return reportError(program.error());
    auto opened = openCommandSession(file.value(), parser, layout, &spec);
    if (!opened)
        return reportError(opened.error());
    session::Session session = opened.value().session;
    exported::ExportDiff diff =
        exported::diffExport(session.tree(), session.spec(), program.value());
    // Without --layout, the cache layout the program was exported in is the
    // one its inputs line up with.
    if (!diff.structure.isEmpty() && !opened.value().layoutChosen)
        for (const caches::CacheLayout other : caches::kAllLayouts) {
            const session::Session moved = session::inLayout(session, other);
            exported::ExportDiff again =
                exported::diffExport(moved.tree(), moved.spec(), program.value());
            if (again.structure.isEmpty()) {
                printNote(QStringLiteral("layout %1: the program's inputs line up with it")
                              .arg(caches::layoutName(other)));
                diff = std::move(again);
                break;
            }
        }
    QString text = json.value() ? QString::fromUtf8(exported::diffToJson(diff))
                                : exported::diffToText(diff, parser.isSet(all));
    if (!json.value())
        text += QStringLiteral("inputs lined up by %1%2\n")
                    .arg(diff.matchedBy, program.value().hasRanges
                                             ? QString()
                                             : QStringLiteral(" (ONNX keeps no ranges: bounds "
                                                              "not compared)"));
    printOut(text);
    return finishWithoutCleanup(diff.clean() ? kExitOk : kExitFindings);
}

} // namespace ds::cli
