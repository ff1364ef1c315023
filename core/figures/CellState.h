#pragma once

#include "analysis/SpecComparison.h"

#include <QColor>
#include <QString>

#include <array>

namespace ds::figures {

// What a shape-map cell's colour says about one dimension. With a reference,
// agreeing dimensions keep the plain static/dynamic colours so that the map
// still shows which dimensions are dynamic; only differences get new colours.
enum class CellState {
    Static,
    Dynamic,
    OnlyHere,      // dynamic here, static in the reference
    OnlyReference, // static here, dynamic in the reference
    Grouping,      // both dynamic, shared with different dimensions
    Bounds,        // both dynamic, different min/max
};
constexpr int kCellStateCount = 6;
constexpr std::array<CellState, kCellStateCount> kAllCellStates = {
    CellState::Static,        CellState::Dynamic,  CellState::OnlyHere,
    CellState::OnlyReference, CellState::Grouping, CellState::Bounds};

QString cellStateLabel(CellState state); // "static", "only in the reference", ...
// matplotlib named colours at half opacity over white, like plot_legend's box:
// grey static, green dynamic, orange only here, blue only in the reference,
// red grouping, purple bounds. Text stays black on every one of them.
QColor cellStateColor(CellState state);

// `comparison` is null without a reference. "Same" reads `here`, the spec being
// drawn, so that the map follows an edit even before the comparison is redone.
CellState cellStateFor(const spec::DimSpec& here, const analysis::DimComparison* comparison);

} // namespace ds::figures
