#pragma once

#include "document/DimEdits.h"

#include <QDialog>

class QButtonGroup;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace ds::ui {

// What the rename dialog offers for one dimension.
struct RenameChoices {
    QString where;       // "input_ids [0]"
    QString currentName; // empty when static
    qint64 size = 0;
    int position = 0;
    int sameNameCount = 1; // dims sharing currentName
    int sameSizeCount = 1; // dims of `size` at `position`
};

// F2 / double click on a dimension: a new name, and how far it reaches:
// this dimension, every one sharing its name, or every dimension of the same
// size at the same position (the usual batch and sequence case).
class RenameDimensionDialog : public QDialog {
    Q_OBJECT
public:
    explicit RenameDimensionDialog(const RenameChoices& choices, QWidget* parent = nullptr);

    QString name() const;
    document::RenameScope scope() const;
    void setName(const QString& name);
    void setScope(document::RenameScope scope);

private:
    void validate();

    QLineEdit* m_name;
    QLabel* m_problem;
    QButtonGroup* m_scopes;
    QDialogButtonBox* m_buttons;
};

} // namespace ds::ui
