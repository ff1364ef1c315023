#include "FigureExport.h"

#include <QFileInfo>
#include <QImageWriter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <qcustomplot.h>

namespace ds::ui::figures {

namespace {

constexpr double kPointsPerInch = 72.0;
constexpr double kInchesPerMetre = 39.37007874;

Status writePng(QCustomPlot& plot, QIODevice& out, QSize size, double dpi) {
    QImage image = plot.toPixmap(size.width(), size.height()).toImage();
    const int dotsPerMetre = qRound(dpi * kInchesPerMetre);
    image.setDotsPerMeterX(dotsPerMetre);
    image.setDotsPerMeterY(dotsPerMetre);
    QImageWriter writer(&out, "png");
    if (!writer.write(image))
        return Error(QStringLiteral("cannot write the PNG: %1").arg(writer.errorString()));
    return okStatus();
}

// QCustomPlot has no SVG writer: its vector painting path (toPainter) on a
// QSvgGenerator gives one, as savePdf does for PDF.
Status writeSvg(QCustomPlot& plot, QIODevice& out, QSize size, double dpi, const QString& title) {
    QSvgGenerator generator;
    generator.setOutputDevice(&out);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setResolution(qRound(dpi));
    generator.setTitle(title);
    generator.setDescription(QStringLiteral("Drawn by DimStudio"));
    QCPPainter painter;
    if (!painter.begin(&generator))
        return Error(QStringLiteral("cannot start the SVG"));
    painter.setMode(QCPPainter::pmVectorized);
    plot.toPainter(&painter, size.width(), size.height());
    painter.end();
    return okStatus();
}

Status writePdf(QCustomPlot& plot, QIODevice& out, QSize size, double dpi, const QString& title) {
    QPdfWriter writer(&out);
    writer.setCreator(QStringLiteral("DimStudio"));
    writer.setTitle(title);
    writer.setResolution(qRound(dpi));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setPageSize(QPageSize(QSizeF(size) * kPointsPerInch / dpi, QPageSize::Point, QString(),
                                 QPageSize::ExactMatch));
    QCPPainter painter;
    if (!painter.begin(&writer))
        return Error(QStringLiteral("cannot start the PDF"));
    // The page holds exactly `size` device pixels at `dpi`: no scaling needed.
    painter.setMode(QCPPainter::pmVectorized);
    plot.toPainter(&painter, size.width(), size.height());
    painter.end();
    return okStatus();
}

} // namespace

Result<FigureFormat> figureFormatFor(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png"))
        return FigureFormat::Png;
    if (suffix == QLatin1String("svg"))
        return FigureFormat::Svg;
    if (suffix == QLatin1String("pdf"))
        return FigureFormat::Pdf;
    return Error(QStringLiteral("cannot tell the figure format from the extension "
                                "(expected .png, .svg or .pdf)"),
                 QString(), path);
}

Status saveFigure(QCustomPlot& plot, const QString& path, QSize size, double dpi) {
    const auto format = figureFormatFor(path);
    if (!format)
        return format.error();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(QStringLiteral("cannot write the figure: %1").arg(file.errorString()),
                     QString(), path);
    const QString title = QFileInfo(path).completeBaseName();
    Status written = okStatus();
    switch (format.value()) {
    case FigureFormat::Png:
        written = writePng(plot, file, size, dpi);
        break;
    case FigureFormat::Svg:
        written = writeSvg(plot, file, size, dpi, title);
        break;
    case FigureFormat::Pdf:
        written = writePdf(plot, file, size, dpi, title);
        break;
    }
    if (!written)
        return written.error().withFile(path);
    if (!file.commit())
        return Error(QStringLiteral("cannot write the figure: %1").arg(file.errorString()),
                     QString(), path);
    return okStatus();
}

} // namespace ds::ui::figures
