#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace ds::ui {

// What a verify needs from the user: the model (a Python file's callable or
// a transformers config.json), the Python to run it in, optionally another
// input set to compare with eager, whether to apply torch's fixes and retry,
// and, for files the runner cannot load safely, the user's trust. The model
// and other inputs are remembered per inputs file, the Python for all.
class VerifyDialog : public QDialog {
    Q_OBJECT
public:
    VerifyDialog(const QString& inputsPath, const QString& loadProblem, QWidget* parent = nullptr);

    QString model() const;
    QString python() const;
    QString otherInputs() const;
    bool fix() const;
    bool trustPickle() const;

    void setModel(const QString& model);
    void setPython(const QString& python);
    void setOtherInputs(const QString& path);
    void setTrustPickle(bool trust);

    // Saves the choices for `inputsPath` (called on accept).
    void remember() const;
    // The settings key of an inputs file's choices.
    static QString settingsGroup(const QString& inputsPath);

    void accept() override;

private:
    QString m_inputsPath;
    QLineEdit* m_model;
    QLineEdit* m_python;
    QLineEdit* m_other;
    QCheckBox* m_fix;
    QCheckBox* m_trust;
    QLabel* m_message;
};

} // namespace ds::ui
