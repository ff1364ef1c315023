#pragma once

#include "Result.h"

#include <QColor>

namespace ds::figures {

// A colour as matplotlib reads it, so that `--color` means what it means in
// onnx-diagnostic's plot_legend: CSS4 names ("green" is #008000, not Qt's
// #00ff00 "lime"), the single letters b g r c m y k w, "tab:blue"...,
// grey levels "0.5", and "#rgb", "#rrggbb", "#rrggbbaa".
Result<QColor> parseFigureColor(const QString& text);

// What a colour with alpha `alpha` looks like painted on white: the fills of
// the figures are matplotlib colours at half opacity, as in plot_legend's box.
QColor overWhite(const QColor& color, double alpha);

} // namespace ds::figures
