#pragma once

#include <QTimer>
#include <QWidget>

class QLineEdit;

namespace ds::ui {

class InputTreeView;

// The filter box above the tree: name, dtype, whole shape ("2x3") or one
// size ("96"). Waits 300 ms after the last key, so typing over 100,000 rows
// filters once; matching branches are expanded.
class FilterBar : public QWidget {
    Q_OBJECT
public:
    static constexpr int kDelayMs = 300;

    FilterBar(InputTreeView& tree, QWidget* parent = nullptr);

    QLineEdit* lineEdit() const { return m_edit; }
    void focusFilter();
    // Applies what was typed without waiting (Enter does the same).
    void applyNow();

private:
    InputTreeView& m_tree;
    QLineEdit* m_edit;
    QTimer m_delay;
};

} // namespace ds::ui
