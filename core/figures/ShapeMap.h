#pragma once

#include "CellState.h"
#include "Result.h"

#include <vector>

namespace ds::figures {

// The shape map's content, computed from the inputs, the spec being edited and
// (optionally) its comparison with a reference; the renderer only draws it.
struct ShapeMapCell {
    int dim = 0;
    qint64 size = 0;
    CellState state = CellState::Static;
    QString sizeText; // "96"
    QString nameText; // "batch", "d_0_0 / batch", "ref seq", empty when static
};

struct ShapeMapRow {
    int tensor = 0;
    QString path; // "past_key_values.0.0"
    std::vector<ShapeMapCell> cells;
};

struct ShapeMapCounts {
    std::array<int, kCellStateCount> perState{};
    int tensors = 0;
    int dims = 0;
    int structureIssues = 0;

    int of(CellState state) const { return perState[static_cast<size_t>(state)]; }
};

// Up to 200 rows stay readable on one page; larger inputs page.
constexpr int kShapeMapRowsPerPage = 200;

struct ShapeMap {
    QString title; // includes "page 2 of 3" when the map pages
    QString summary;
    bool hasReference = false;
    std::vector<ShapeMapRow> rows; // this page's rows
    int columns = 0;               // highest rank over every tensor: the same on every page
    int page = 0;                  // zero-based
    int pageCount = 1;
    ShapeMapCounts counts; // over every tensor, not only this page's

    // The states the legend explains: static and dynamic, plus the differences
    // when there is a reference.
    std::vector<CellState> legendStates() const;
};

struct ShapeMapOptions {
    QString title = QStringLiteral("Shape map");
    int page = 0; // zero-based
    int rowsPerPage = kShapeMapRowsPerPage;
};

// `comparison` is null when there is no reference. Fails when the spec does not
// belong to the tree or the page does not exist.
Result<ShapeMap> buildShapeMap(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
                               const analysis::SpecComparison* comparison,
                               const ShapeMapOptions& options);

int shapeMapPageCount(int tensorCount, int rowsPerPage = kShapeMapRowsPerPage);

} // namespace ds::figures
