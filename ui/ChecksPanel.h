#pragma once

#include <QWidget>

class QLabel;
class QTableView;

namespace ds::itemmodels {
class ChecksListModel;
}
namespace ds::document {
class DocumentContext;
}

namespace ds::ui {

// What checkSpec finds in the current spec (a dynamic dimension of size 0 or
// 1, one name over several sizes, ...); clicking a finding selects its dimension.
class ChecksPanel : public QWidget {
    Q_OBJECT
public:
    explicit ChecksPanel(document::DocumentContext& context, QWidget* parent = nullptr);

    QTableView* list() const { return m_list; }
    // "2 errors, 1 warning" / "No problems found".
    static QString summaryFor(const document::DocumentContext& context);

private:
    document::DocumentContext& m_context;
    itemmodels::ChecksListModel* m_model;
    QLabel* m_summary;
    QTableView* m_list;
};

} // namespace ds::ui
