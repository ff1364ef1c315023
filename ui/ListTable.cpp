#include "ListTable.h"

#include <QHeaderView>
#include <QTableView>

namespace ds::ui {

void configureListTable(QTableView& table) {
    table.setSelectionBehavior(QAbstractItemView::SelectRows);
    table.setSelectionMode(QAbstractItemView::SingleSelection);
    table.verticalHeader()->hide();
    table.verticalHeader()->setDefaultSectionSize(table.fontMetrics().height() + 6);
    table.horizontalHeader()->setStretchLastSection(true);
    table.horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table.setWordWrap(false);
    // A list of rows, not a spreadsheet: Tab leaves it (QTableView's default
    // walks the cells and comes round again, so Tab never got out).
    table.setTabKeyNavigation(false);
}

} // namespace ds::ui
