#include "FilterBar.h"

#include "InputTreeView.h"
#include "itemmodels/InputFilterProxyModel.h"

#include <QHBoxLayout>
#include <QLineEdit>

namespace ds::ui {

FilterBar::FilterBar(InputTreeView& tree, QWidget* parent) : QWidget(parent), m_tree(tree) {
    m_edit = new QLineEdit(this);
    m_edit->setClearButtonEnabled(true);
    m_edit->setPlaceholderText(
        tr("Filter: name, dtype, shape (2x3) or one size (96)   %1")
            .arg(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit);

    m_delay.setSingleShot(true);
    m_delay.setInterval(kDelayMs);
    connect(m_edit, &QLineEdit::textChanged, &m_delay, qOverload<>(&QTimer::start));
    connect(m_edit, &QLineEdit::returnPressed, this, &FilterBar::applyNow);
    connect(&m_delay, &QTimer::timeout, this, &FilterBar::applyNow);
}

void FilterBar::focusFilter() {
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void FilterBar::applyNow() {
    m_delay.stop();
    m_tree.filterModel()->setFilterQuery(m_edit->text());
    if (!m_edit->text().trimmed().isEmpty())
        m_tree.expandContainers();
}

} // namespace ds::ui
