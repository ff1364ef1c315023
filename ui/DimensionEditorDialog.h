#pragma once

#include "document/DimEdits.h"

#include <QDialog>

#include <functional>

class QButtonGroup;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QStackedWidget;

namespace ds::ui {

// What the dimension editor offers for one dimension.
struct DimensionChoices {
    QString where;         // "input_ids [0]"
    spec::DimSpec current; // its decision now
    QString suggestedName; // the name it gets when made a named dimension
    QStringList names;     // names in use, for a derived dimension's base
    qint64 size = 0;
    int position = 0;
    int sameNameCount = 1;  // dims sharing current.name
    int sameSizeCount = 1;  // dims of `size` at `position`
    int sameCacheCount = 0; // dims at `position` in the same cache (0: not in a cache)
    QString cacheName;      // "DynamicCache"
    int selectionCount = 0; // dims selected in the view (shown from 2)
    // Why a decision cannot be given to the dims a scope reaches (empty: it can).
    std::function<QString(const spec::DimSpec&, document::RenameScope)> problem;
};

// F2 / double click / "Edit dimension…": every decision a dimension can get
// (static, named with bounds, Dim.AUTO / DYNAMIC / STATIC with bounds,
// derived from another name), with how far it reaches, validated as typed.
class DimensionEditorDialog : public QDialog {
    Q_OBJECT
public:
    explicit DimensionEditorDialog(const DimensionChoices& choices, QWidget* parent = nullptr);

    // The decision as typed: a named dimension with an empty name is static.
    spec::DimSpec decision() const;
    document::RenameScope scope() const;
    // The inline message (a problem, or a note such as the empty name's).
    QString message() const;

    void setName(const QString& name);
    void setScope(document::RenameScope scope);

    enum class Choice { Named, Static, Auto, Dynamic, HintStatic, Derived };
    void setChoice(Choice choice);

private:
    void validate();
    Choice choice() const;
    // A bound's text as a value; sets *bad when it is no whole number.
    std::optional<qint64> boundFrom(const QLineEdit* edit, bool* bad) const;

    DimensionChoices m_choices;
    QComboBox* m_kind;
    QStackedWidget* m_details;
    QLineEdit* m_name;
    QComboBox* m_base;
    QSpinBox* m_mul;
    QSpinBox* m_add;
    QWidget* m_boundsRow;
    QLineEdit* m_min;
    QLineEdit* m_max;
    QLabel* m_message;
    QButtonGroup* m_scopes;
    QDialogButtonBox* m_buttons;
};

} // namespace ds::ui
