#pragma once

#include "Result.h"

#include <QSize>

class QCustomPlot;

namespace ds::ui::figures {

enum class FigureFormat { Png, Svg, Pdf };

// From the output file's extension (case-insensitive); an error names the file.
Result<FigureFormat> figureFormatFor(const QString& path);

// Writes `plot` at `size` pixels. `dpi` is the figure's nominal resolution: it
// goes into the PNG header and sets the SVG's and PDF's physical size, so that a
// 200-pixel legend at 100 dpi is 2 inches everywhere, as in matplotlib.
// Written through QSaveFile: an existing file is replaced only on success.
Status saveFigure(QCustomPlot& plot, const QString& path, QSize size, double dpi);

} // namespace ds::ui::figures
