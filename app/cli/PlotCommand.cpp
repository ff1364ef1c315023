// dimstudio plot legend|shapes: the figures of ui/figures, written to a file.
#include "CommandOptions.h"

#include "FigureExport.h"
#include "LegendPlot.h"
#include "ShapeMapPlot.h"
#include "analysis/SpecComparison.h"
#include "figures/FigureColors.h"
#include "figures/LegendFigure.h"
#include "figures/ShapeMap.h"

#include <QApplication>
#include <QFileInfo>

namespace ds::cli {

namespace {

const QCommandLineOption kOutput({QStringLiteral("o"), QStringLiteral("output")},
                                 QStringLiteral("The figure file: .png, .svg or .pdf."),
                                 QStringLiteral("OUT"));

// Parses `args` (program name first); nullopt when the caller should return `exitCode`.
std::optional<QStringList> parseOrExit(QCommandLineParser& parser, const QStringList& args,
                                       int& exitCode) {
    parser.addOption(kOutput);
    if (auto done = parseArguments(parser, args)) {
        exitCode = *done;
        return std::nullopt;
    }
    if (!parser.isSet(kOutput)) {
        exitCode = reportError(Error(QStringLiteral("plot needs an output file: -o OUT")));
        return std::nullopt;
    }
    // Refuse an unknown extension before any work is done.
    if (auto format = ds::ui::figures::figureFormatFor(parser.value(kOutput)); !format) {
        exitCode = reportError(format.error());
        return std::nullopt;
    }
    return parser.positionalArguments();
}

int runPlotLegend(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Draw onnx-diagnostic's plot_legend figure: END, TEXT on a coloured box, "
                       "and an optional bottom text. '\\n' in a text starts a new line."));
    parser.addPositionalArgument(QStringLiteral("TEXT"), QStringLiteral("The boxed text."));
    const QCommandLineOption bottom(QStringLiteral("bottom"),
                                    QStringLiteral("Small text at the bottom right."),
                                    QStringLiteral("TEXT"));
    const QCommandLineOption color(
        QStringLiteral("color"),
        QStringLiteral("Box colour, as matplotlib names it (green, tab:blue, g, #rrggbb); "
                       "default green."),
        QStringLiteral("C"), QStringLiteral("green"));
    const QCommandLineOption size(QStringLiteral("size"),
                                  QStringLiteral("Width and height in pixels (default 200: "
                                                 "2 inches at 100 dpi)."),
                                  QStringLiteral("PX"), QStringLiteral("200"));
    parser.addOptions({bottom, color, size});
    int exitCode = kExitOk;
    const auto positional = parseOrExit(parser, args, exitCode);
    if (!positional)
        return exitCode;
    if (positional->size() != 1)
        return reportError(Error(QStringLiteral("plot legend takes exactly one TEXT")));

    ds::figures::LegendFigure figure;
    figure.text = figures::unescapeFigureText(positional->first());
    figure.bottomText = figures::unescapeFigureText(parser.value(bottom));
    const auto parsedColor = figures::parseFigureColor(parser.value(color));
    if (!parsedColor)
        return reportError(parsedColor.error());
    figure.color = parsedColor.value();
    const auto parsedSize = figures::parseFigureSize(parser.value(size));
    if (!parsedSize)
        return reportError(parsedSize.error());
    figure.sizePx = parsedSize.value();

    ds::ui::figures::LegendPlot plot;
    plot.setFigure(figure);
    const Status saved = ds::ui::figures::saveFigure(plot, parser.value(kOutput), plot.figureSize(),
                                                     plot.figureDpi());
    return saved ? kExitOk : reportError(saved.error());
}

// The comparison of the session's spec with the reference; structure
// problems become warnings (the map still shows everything that aligned).
Result<analysis::SpecComparison> compareWithReference(session::Session& session,
                                                      const QString& referencePath) {
    auto source = session::readSpecFile(referencePath);
    if (!source)
        return source.error();
    session.setReference(std::move(source).value());
    for (const spec::StructureIssue& issue : session.reference().aligned.issues)
        printWarning(
            referencePath + QStringLiteral(": ") + issue.message +
            (issue.path.isEmpty() ? QString() : QStringLiteral(" (at %1)").arg(issue.path)));
    return session.compare();
}

int runPlotShapes(const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Draw the shape map of FILE's inputs: one row per tensor, one cell per "
        "dimension, coloured static/dynamic, or by how it compares with --reference."));
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("A .pt file, a type string or DimStudio JSON."));
    const QCommandLineOption spec =
        specOption(QStringLiteral("The spec to draw (default: every dimension dynamic)."));
    const QCommandLineOption referenceOption(
        QStringLiteral("reference"), QStringLiteral("A reference spec to compare the spec with."),
        QStringLiteral("REF"));
    const QCommandLineOption layout = layoutOption();
    const QCommandLineOption page(QStringLiteral("page"),
                                  QStringLiteral("Which page of %1 tensors to draw (default 1).")
                                      .arg(figures::kShapeMapRowsPerPage),
                                  QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption title(QStringLiteral("title"), QStringLiteral("The figure's title."),
                                   QStringLiteral("TITLE"));
    parser.addOptions({spec, referenceOption, layout, page, title});
    int exitCode = kExitOk;
    const auto positional = parseOrExit(parser, args, exitCode);
    if (!positional)
        return exitCode;
    if (positional->size() != 1)
        return reportError(Error(QStringLiteral("plot shapes takes exactly one FILE")));
    const QString file = positional->first();

    bool pageOk = false;
    const int pageNumber = parser.value(page).toInt(&pageOk);
    if (!pageOk || pageNumber < 1)
        return reportError(Error(QStringLiteral("--page expects a page number from 1, not '%1'")
                                     .arg(parser.value(page))));

    auto opened = openCommandSession(file, parser, layout, &spec);
    if (!opened)
        return reportError(opened.error());
    session::Session& session = opened.value().session;

    ds::figures::ShapeMapOptions options;
    options.page = pageNumber - 1;
    options.title = parser.isSet(title)
                        ? parser.value(title)
                        : QStringLiteral("Shape map of %1").arg(QFileInfo(file).fileName());
    std::optional<analysis::SpecComparison> comparison;
    if (parser.isSet(referenceOption)) {
        const QString referencePath = parser.value(referenceOption);
        auto compared = compareWithReference(session, referencePath);
        if (!compared)
            return reportError(compared.error());
        comparison = std::move(compared).value();
        if (!parser.isSet(title))
            options.title += QStringLiteral(" against %1").arg(QFileInfo(referencePath).fileName());
    }
    const auto map =
        buildShapeMap(session.tree(), session.spec(), comparison ? &*comparison : nullptr, options);
    if (!map)
        return reportError(map.error().withFile(file));

    ds::ui::figures::ShapeMapPlot plot;
    plot.setShapeMap(map.value());
    const Status saved = ds::ui::figures::saveFigure(plot, parser.value(kOutput), plot.figureSize(),
                                                     ds::ui::figures::ShapeMapPlot::kFigureDpi);
    return saved ? kExitOk : reportError(saved.error());
}

} // namespace

int runPlot(const QStringList& args) {
    // QCustomPlot draws with widgets: main() creates a QApplication for "plot".
    if (!qobject_cast<QApplication*>(QCoreApplication::instance()))
        return reportError(Error(QStringLiteral("plot needs a QApplication")));
    const QString figure = args.value(1);
    QStringList rest = args;
    if (rest.size() > 1)
        rest.removeAt(1); // the figure kind; QCommandLineParser skips the program name
    if (figure == QLatin1String("legend"))
        return runPlotLegend(rest);
    if (figure == QLatin1String("shapes"))
        return runPlotShapes(rest);
    if (figure == QLatin1String("--help") || figure == QLatin1String("-h")) {
        printOut(QStringLiteral("Usage: dimstudio plot legend TEXT [--bottom TEXT] [--color C] "
                                "[--size PX] -o OUT\n"
                                "       dimstudio plot shapes FILE [--spec SPEC] [--reference REF] "
                                "[--layout L] [--page N] [--title T] -o OUT\n"));
        return kExitOk;
    }
    return reportError(
        Error(figure.isEmpty()
                  ? QStringLiteral("plot needs a figure: legend or shapes")
                  : QStringLiteral("unknown figure '%1' (expected legend or shapes)").arg(figure)));
}

} // namespace ds::cli
