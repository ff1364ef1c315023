#pragma once

class QTableView;

namespace ds::ui {

// The look the panels' result lists share (checks, comparison): whole-row
// single selection, compact rows, no row numbers, no wrapping.
void configureListTable(QTableView& table);

} // namespace ds::ui
