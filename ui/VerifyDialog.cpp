#include "VerifyDialog.h"

#include <QCheckBox>
#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace ds::ui {

namespace {

QLineEdit* withBrowse(QWidget* parent, QFormLayout* form, const QString& label,
                      const QString& filter) {
    auto* edit = new QLineEdit(parent);
    auto* browse = new QPushButton(QObject::tr("Browse…"), parent);
    auto* row = new QHBoxLayout;
    row->addWidget(edit, 1);
    row->addWidget(browse);
    form->addRow(label, row);
    QObject::connect(browse, &QPushButton::clicked, parent, [parent, edit, filter] {
        const QString path = QFileDialog::getOpenFileName(
            parent, QObject::tr("Choose a file"),
            edit->text().isEmpty() ? QString() : QFileInfo(edit->text()).absolutePath(), filter);
        if (!path.isEmpty())
            edit->setText(path);
    });
    return edit;
}

} // namespace

QString VerifyDialog::settingsGroup(const QString& inputsPath) {
    const QByteArray key =
        QCryptographicHash::hash(QFileInfo(inputsPath).absoluteFilePath().toUtf8(),
                                 QCryptographicHash::Sha1)
            .toHex()
            .left(16);
    return QStringLiteral("verify/") + QString::fromLatin1(key);
}

VerifyDialog::VerifyDialog(const QString& inputsPath, const QString& loadProblem, QWidget* parent)
    : QDialog(parent), m_inputsPath(inputsPath) {
    setWindowTitle(tr("Verify export"));
    auto* intro = new QLabel(
        tr("Runs torch.export on %1 with the spec, in your own Python, and shows what export "
           "made of each dimension.")
            .arg(QFileInfo(inputsPath).fileName()),
        this);
    intro->setWordWrap(true);
    auto* form = new QFormLayout;
    m_model = withBrowse(this, form, tr("&Model:"), tr("Model (*.py *.json);;All files (*)"));
    m_model->setPlaceholderText(tr("path/to/model.py:make_model, or a transformers config.json"));
    m_python = new QLineEdit(this);
    m_python->setPlaceholderText(QStringLiteral("python3"));
    m_python->setToolTip(tr("A command line: a venv's bin/python, `chroot DIR python3`, ..."));
    form->addRow(tr("&Python:"), m_python);
    m_other = withBrowse(this, form, tr("&Other inputs:"),
                         tr("torch.save files (*.pt *.pth *.bin);;All files (*)"));
    m_other->setPlaceholderText(tr("optional: another input set to compare with eager"));
    m_fix = new QCheckBox(tr("Apply torch's suggested &fixes and retry (up to 8 rounds)"), this);
    m_fix->setChecked(true);
    m_trust = new QCheckBox(tr("&Trust this file: let the runner unpickle it with "
                               "weights_only=False"),
                            this);
    m_message = new QLabel(loadProblem, this);
    m_message->setWordWrap(true);
    m_message->setVisible(!loadProblem.isEmpty());
    m_trust->setVisible(!loadProblem.isEmpty());

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Verify"));
    connect(buttons, &QDialogButtonBox::accepted, this, &VerifyDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_fix);
    layout->addWidget(m_message);
    layout->addWidget(m_trust);
    layout->addWidget(buttons);

    QSettings settings;
    m_python->setText(
        settings.value(QStringLiteral("verify/python"), QStringLiteral("python3")).toString());
    settings.beginGroup(settingsGroup(inputsPath));
    m_model->setText(settings.value(QStringLiteral("model")).toString());
    m_other->setText(settings.value(QStringLiteral("otherInputs")).toString());
    settings.endGroup();
    resize(640, sizeHint().height());
}

QString VerifyDialog::model() const {
    return m_model->text().trimmed();
}
QString VerifyDialog::python() const {
    const QString text = m_python->text().trimmed();
    return text.isEmpty() ? QStringLiteral("python3") : text;
}
QString VerifyDialog::otherInputs() const {
    return m_other->text().trimmed();
}
bool VerifyDialog::fix() const {
    return m_fix->isChecked();
}
bool VerifyDialog::trustPickle() const {
    return m_trust->isVisible() && m_trust->isChecked();
}
void VerifyDialog::setModel(const QString& model) {
    m_model->setText(model);
}
void VerifyDialog::setPython(const QString& python) {
    m_python->setText(python);
}
void VerifyDialog::setOtherInputs(const QString& path) {
    m_other->setText(path);
}
void VerifyDialog::setTrustPickle(bool trust) {
    m_trust->setChecked(trust);
}

void VerifyDialog::remember() const {
    QSettings settings;
    settings.setValue(QStringLiteral("verify/python"), python());
    settings.beginGroup(settingsGroup(m_inputsPath));
    settings.setValue(QStringLiteral("model"), model());
    settings.setValue(QStringLiteral("otherInputs"), otherInputs());
    settings.endGroup();
}

void VerifyDialog::accept() {
    if (model().isEmpty()) {
        m_message->setText(tr("Give the model: a Python file and the function in it that "
                              "returns the nn.Module (model.py:make_model), or a transformers "
                              "config.json."));
        m_message->setVisible(true);
        m_model->setFocus();
        return;
    }
    if (trustPickle() && isVisible() &&
        QMessageBox::warning(this, tr("Verify export"),
                             tr("Unpickling with weights_only=False can run any code the file "
                                "holds. Only do it for a file you trust.\nContinue?"),
                             QMessageBox::Yes | QMessageBox::No,
                             QMessageBox::No) != QMessageBox::Yes)
        return;
    remember();
    QDialog::accept();
}

} // namespace ds::ui
