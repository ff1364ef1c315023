#include "DimensionEditorDialog.h"

#include "spec/BoundText.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace ds::ui {

namespace {

using Kind = spec::DimSpec::Kind;
using HintKind = spec::DimSpec::HintKind;
using Scope = document::RenameScope;

// The pages of the details stack.
enum Page { NamePage = 0, NothingPage = 1, DerivedPage = 2 };

QString boundText(std::optional<qint64> v) {
    return v ? QString::number(*v) : QString();
}

} // namespace

DimensionEditorDialog::DimensionEditorDialog(const DimensionChoices& choices, QWidget* parent)
    : QDialog(parent), m_choices(choices) {
    setWindowTitle(tr("Edit dimension"));
    const spec::DimSpec& current = choices.current;

    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("kind"));
    m_kind->addItem(tr("Named dimension: Dim(name)"), static_cast<int>(Choice::Named));
    m_kind->addItem(tr("Static: the example's size"), static_cast<int>(Choice::Static));
    m_kind->addItem(tr("Dim.AUTO: torch decides"), static_cast<int>(Choice::Auto));
    m_kind->addItem(tr("Dim.DYNAMIC: must stay dynamic"), static_cast<int>(Choice::Dynamic));
    m_kind->addItem(tr("Dim.STATIC: must stay static"), static_cast<int>(Choice::HintStatic));
    m_kind->addItem(tr("Derived: factor \u00d7 name + offset"), static_cast<int>(Choice::Derived));

    const bool carriesName = current.kind == Kind::Named || current.kind == Kind::Derived;
    m_name =
        new QLineEdit(current.kind == Kind::Named ? current.name : choices.suggestedName, this);
    m_name->setObjectName(QStringLiteral("name"));
    m_name->selectAll();
    m_name->setPlaceholderText(tr("empty: static"));

    m_base = new QComboBox(this);
    m_base->setObjectName(QStringLiteral("base"));
    m_base->setEditable(true);
    m_base->addItems(choices.names);
    m_base->setCurrentText(carriesName ? current.name : QString());
    m_mul = new QSpinBox(this);
    m_mul->setObjectName(QStringLiteral("factor"));
    m_mul->setRange(1, 1 << 20);
    m_mul->setValue(current.kind == Kind::Derived ? static_cast<int>(current.mul) : 1);
    m_add = new QSpinBox(this);
    m_add->setObjectName(QStringLiteral("offset"));
    m_add->setRange(-(1 << 20), 1 << 20);
    m_add->setValue(current.kind == Kind::Derived ? static_cast<int>(current.add) : 0);

    m_details = new QStackedWidget(this);
    auto* namePage = new QWidget(m_details);
    auto* nameForm = new QFormLayout(namePage);
    nameForm->setContentsMargins(0, 0, 0, 0);
    nameForm->addRow(tr("&Name:"), m_name);
    m_details->addWidget(namePage);
    m_details->addWidget(new QWidget(m_details));
    auto* derivedPage = new QWidget(m_details);
    auto* derivedRow = new QHBoxLayout(derivedPage);
    derivedRow->setContentsMargins(0, 0, 0, 0);
    derivedRow->addWidget(m_mul);
    derivedRow->addWidget(new QLabel(QStringLiteral("\u00d7"), derivedPage));
    derivedRow->addWidget(m_base, 1);
    derivedRow->addWidget(new QLabel(QStringLiteral("+"), derivedPage));
    derivedRow->addWidget(m_add);
    m_details->addWidget(derivedPage);

    m_min = new QLineEdit(boundText(current.min), this);
    m_min->setObjectName(QStringLiteral("min"));
    m_max = new QLineEdit(boundText(current.max), this);
    m_max->setObjectName(QStringLiteral("max"));
    m_min->setPlaceholderText(tr("no lower bound"));
    m_max->setPlaceholderText(tr("no upper bound"));
    m_boundsRow = new QWidget(this);
    auto* bounds = new QHBoxLayout(m_boundsRow);
    bounds->setContentsMargins(0, 0, 0, 0);
    auto* minLabel = new QLabel(tr("M&in:"), m_boundsRow);
    minLabel->setBuddy(m_min);
    auto* maxLabel = new QLabel(tr("Ma&x:"), m_boundsRow);
    maxLabel->setBuddy(m_max);
    bounds->addWidget(minLabel);
    bounds->addWidget(m_min, 1);
    bounds->addWidget(maxLabel);
    bounds->addWidget(m_max, 1);
    m_boundsRow->setToolTip(tr("The range export must accept for this dimension (Dim's min and "
                               "max); a name carries one range wherever it is used."));

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Dimension:"),
                 new QLabel(tr("%1, size %2").arg(choices.where).arg(choices.size), this));
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(QString(), m_details);
    form->addRow(tr("Bounds:"), m_boundsRow);
    form->addRow(QString(), m_message);

    m_scopes = new QButtonGroup(this);
    auto* scopes = new QVBoxLayout;
    auto addScope = [&](Scope scope, const QString& text, bool visible) {
        auto* button = new QRadioButton(text, this);
        m_scopes->addButton(button, static_cast<int>(scope));
        button->setVisible(visible);
        scopes->addWidget(button);
        return button;
    };
    QRadioButton* only = addScope(Scope::ThisDimension, tr("Only this dimension"), true);
    const bool shared = carriesName && choices.sameNameCount > 1;
    QRadioButton* sameName = addScope(
        Scope::SameName,
        tr("Every dimension named '%1' (%2)").arg(current.name).arg(choices.sameNameCount), shared);
    addScope(Scope::SameSizeAtPosition,
             tr("Every dimension of size %1 at position %2 (%3)")
                 .arg(choices.size)
                 .arg(choices.position)
                 .arg(choices.sameSizeCount),
             true);
    addScope(Scope::SameCache,
             tr("Position %1 of every tensor of this %2 (%3)")
                 .arg(choices.position)
                 .arg(choices.cacheName)
                 .arg(choices.sameCacheCount),
             choices.sameCacheCount > 1);
    QRadioButton* selection =
        addScope(Scope::Selection, tr("The %1 selected dimensions").arg(choices.selectionCount),
                 choices.selectionCount > 1);
    // A selection was made to be edited; a shared name usually names a concept
    // (batch): edit it everywhere.
    (choices.selectionCount > 1 ? selection : shared ? sameName : only)->setChecked(true);
    auto* scopeBox = new QWidget(this);
    scopeBox->setLayout(scopes);
    form->addRow(tr("Applies to:"), scopeBox);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    // The current decision chooses the kind shown first.
    Choice first = Choice::Named;
    if (current.kind == Kind::Derived)
        first = Choice::Derived;
    else if (current.kind == Kind::Hint)
        first = current.hint == HintKind::Auto      ? Choice::Auto
                : current.hint == HintKind::Dynamic ? Choice::Dynamic
                                                    : Choice::HintStatic;
    setChoice(first);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &DimensionEditorDialog::validate);
    for (QLineEdit* edit : {m_name, m_min, m_max})
        connect(edit, &QLineEdit::textChanged, this, &DimensionEditorDialog::validate);
    connect(m_base, &QComboBox::currentTextChanged, this, &DimensionEditorDialog::validate);
    connect(m_mul, &QSpinBox::valueChanged, this, &DimensionEditorDialog::validate);
    connect(m_add, &QSpinBox::valueChanged, this, &DimensionEditorDialog::validate);
    connect(m_scopes, &QButtonGroup::idToggled, this, &DimensionEditorDialog::validate);
    validate();
    m_name->setFocus();
}

DimensionEditorDialog::Choice DimensionEditorDialog::choice() const {
    return static_cast<Choice>(m_kind->currentData().toInt());
}

void DimensionEditorDialog::setChoice(Choice choice) {
    m_kind->setCurrentIndex(m_kind->findData(static_cast<int>(choice)));
    validate();
}

std::optional<qint64> DimensionEditorDialog::boundFrom(const QLineEdit* edit, bool* bad) const {
    std::optional<qint64> bound;
    if (!spec::parseBoundText(edit->text(), bound))
        *bad = true;
    return bound;
}

spec::DimSpec DimensionEditorDialog::decision() const {
    bool bad = false;
    const std::optional<qint64> min = boundFrom(m_min, &bad);
    const std::optional<qint64> max = boundFrom(m_max, &bad);
    switch (choice()) {
    case Choice::Named: {
        const QString name = m_name->text().trimmed();
        return name.isEmpty() ? spec::DimSpec::makeStatic() : spec::DimSpec::named(name, min, max);
    }
    case Choice::Static:
        return spec::DimSpec::makeStatic();
    case Choice::Auto:
        return spec::DimSpec::makeHint(HintKind::Auto, min, max);
    case Choice::Dynamic:
        return spec::DimSpec::makeHint(HintKind::Dynamic, min, max);
    case Choice::HintStatic:
        return spec::DimSpec::makeHint(HintKind::Static);
    case Choice::Derived:
        return spec::DimSpec::derived(m_base->currentText().trimmed(), m_mul->value(),
                                      m_add->value());
    }
    return spec::DimSpec::makeStatic();
}

document::RenameScope DimensionEditorDialog::scope() const {
    return static_cast<document::RenameScope>(m_scopes->checkedId());
}

QString DimensionEditorDialog::message() const {
    return m_message->text();
}

void DimensionEditorDialog::setName(const QString& name) {
    m_name->setText(name);
}

void DimensionEditorDialog::setScope(document::RenameScope scope) {
    if (auto* button = m_scopes->button(static_cast<int>(scope)))
        button->setChecked(true);
}

void DimensionEditorDialog::validate() {
    const Choice c = choice();
    m_details->setCurrentIndex(c == Choice::Named     ? NamePage
                               : c == Choice::Derived ? DerivedPage
                                                      : NothingPage);
    const bool bounded = c == Choice::Named || c == Choice::Auto || c == Choice::Dynamic;
    m_boundsRow->setEnabled(bounded && !(c == Choice::Named && m_name->text().trimmed().isEmpty()));

    QString problem;
    bool bad = false;
    if (bounded) {
        (void)boundFrom(m_min, &bad);
        if (bad)
            problem = tr("The minimum '%1' is not a whole number.").arg(m_min->text().trimmed());
        bool badMax = false;
        (void)boundFrom(m_max, &badMax);
        if (badMax && problem.isEmpty())
            problem = tr("The maximum '%1' is not a whole number.").arg(m_max->text().trimmed());
    }
    if (problem.isEmpty() && m_choices.problem)
        problem = m_choices.problem(decision(), scope());

    QString note;
    if (problem.isEmpty() && c == Choice::Named && m_name->text().trimmed().isEmpty())
        note = tr("An empty name makes the dimension static.");
    else if (problem.isEmpty() && c == Choice::Auto)
        note = tr("torch.export keeps it dynamic if the model allows, static otherwise.");
    m_message->setText(problem.isEmpty() ? note : problem);
    m_message->setStyleSheet(problem.isEmpty() ? QStringLiteral("color: palette(mid)")
                                               : QStringLiteral("color: #c0392b"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace ds::ui
