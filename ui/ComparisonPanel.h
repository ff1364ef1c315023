#pragma once

#include "Result.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace ds::itemmodels {
class ComparisonListModel;
}
namespace ds::document {
class DocumentContext;
}

namespace ds::ui {

class ErrorReporter;

// The reference comparison: open or paste a reference spec, see how many
// dimensions differ and which, click one to select it in the tree, or adopt
// the reference's decisions (one undo step).
class ComparisonPanel : public QWidget {
    Q_OBJECT
public:
    ComparisonPanel(document::DocumentContext& context, ErrorReporter& errors,
                    QWidget* parent = nullptr);

    void chooseReferenceFile();
    // Reads and compares; a failure is reported once and returned.
    Status openReference(const QString& path);
    Status pasteReference();
    void adoptReference();
    void clearReference();

    QTableView* list() const { return m_list; }
    QString summaryText() const;

private:
    void updateSummary();

    document::DocumentContext& m_context;
    ErrorReporter& m_errors;
    itemmodels::ComparisonListModel* m_model;
    QLabel* m_summary;
    QPushButton* m_adopt;
    QPushButton* m_clear;
    QTableView* m_list;
};

} // namespace ds::ui
