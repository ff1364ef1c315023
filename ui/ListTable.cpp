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
}

} // namespace ds::ui
