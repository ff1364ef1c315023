#include "RenameDimensionDialog.h"

#include "text/PyValue.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace ds::ui {

RenameDimensionDialog::RenameDimensionDialog(const RenameChoices& choices, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Rename dimension"));
    m_name = new QLineEdit(choices.currentName, this);
    m_name->selectAll();
    m_problem = new QLabel(this);
    m_problem->setStyleSheet(QStringLiteral("color: #c0392b"));

    auto* form = new QFormLayout;
    form->addRow(tr("Dimension:"),
                 new QLabel(tr("%1, size %2").arg(choices.where).arg(choices.size)));
    form->addRow(tr("&Name:"), m_name);
    form->addRow(QString(), m_problem);

    m_scopes = new QButtonGroup(this);
    auto* only = new QRadioButton(tr("Only this dimension"), this);
    auto* sameName = new QRadioButton(
        tr("Every dimension named '%1' (%2)").arg(choices.currentName).arg(choices.sameNameCount),
        this);
    auto* sameSize = new QRadioButton(tr("Every dimension of size %1 at position %2 (%3)")
                                          .arg(choices.size)
                                          .arg(choices.position)
                                          .arg(choices.sameSizeCount),
                                      this);
    m_scopes->addButton(only, static_cast<int>(document::RenameScope::ThisDimension));
    m_scopes->addButton(sameName, static_cast<int>(document::RenameScope::SameName));
    m_scopes->addButton(sameSize, static_cast<int>(document::RenameScope::SameSizeAtPosition));
    const bool shared = !choices.currentName.isEmpty() && choices.sameNameCount > 1;
    sameName->setVisible(shared);
    // A name already shared usually names a concept (batch): rename it everywhere.
    (shared ? sameName : only)->setChecked(true);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &RenameDimensionDialog::validate);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(only);
    layout->addWidget(sameName);
    layout->addWidget(sameSize);
    layout->addWidget(m_buttons);
    validate();
}

QString RenameDimensionDialog::name() const {
    return m_name->text().trimmed();
}

document::RenameScope RenameDimensionDialog::scope() const {
    return static_cast<document::RenameScope>(m_scopes->checkedId());
}

void RenameDimensionDialog::setName(const QString& name) {
    m_name->setText(name);
}

void RenameDimensionDialog::setScope(document::RenameScope scope) {
    if (auto* button = m_scopes->button(static_cast<int>(scope)))
        button->setChecked(true);
}

void RenameDimensionDialog::validate() {
    const bool ok = text::isPythonIdentifier(name());
    m_problem->setText(
        ok || name().isEmpty()
            ? QString()
            : tr("A name must be a Python identifier (torch.export's Dim needs one)."));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

} // namespace ds::ui
