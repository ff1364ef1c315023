#include "InputsOpener.h"

#include "BackgroundLoad.h"
#include "ErrorReporter.h"
#include "ExampleInputs.h"
#include "document/DocumentContext.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>

namespace ds::ui {

namespace {

QString inputFilters() {
    return QObject::tr(
        "Inputs (*.pt *.pth *.bin *.txt *.json);;torch.save files (*.pt *.pth *.bin);;"
        "Type strings (*.txt);;DimStudio JSON (*.json);;All files (*)");
}

} // namespace

InputsOpener::InputsOpener(document::DocumentContext& context, ErrorReporter& errors,
                           QWidget* dialogParent)
    : QObject(dialogParent), m_context(context), m_errors(errors), m_dialogParent(dialogParent),
      m_load(new BackgroundLoad(dialogParent)) {
    QSettings settings;
    m_recent.load(settings);
    m_lastDirectory = settings.value(QStringLiteral("lastDirectory")).toString();
}

InputsOpener::~InputsOpener() = default;

bool InputsOpener::mayReplace() const {
    return !m_mayDiscard || m_mayDiscard();
}

void InputsOpener::remember(const QString& path) {
    m_recent.add(path);
    m_lastDirectory = QFileInfo(path).absolutePath();
    QSettings settings;
    m_recent.save(settings);
    settings.setValue(QStringLiteral("lastDirectory"), m_lastDirectory);
    emit recentFilesChanged();
}

void InputsOpener::chooseAndOpen() {
    const QString path = QFileDialog::getOpenFileName(m_dialogParent, tr("Open inputs"),
                                                      m_lastDirectory, inputFilters());
    if (!path.isEmpty())
        open(path);
}

void InputsOpener::open(const QString& path) {
    if (!mayReplace())
        return;
    m_load->start(
        QFileInfo(path).fileName(), [path] { return document::loadPreparedInputs(path); },
        [this, path](Result<document::PreparedInputs>& result) {
            if (!result) {
                m_errors.report(result.error());
                return;
            }
            m_context.setInputs(std::move(result).value());
            remember(path);
            emit opened(path);
        });
}

Status InputsOpener::openNow(const QString& path) {
    auto result = document::loadPreparedInputs(path);
    if (!result) {
        m_errors.report(result.error());
        return result.error();
    }
    m_context.setInputs(std::move(result).value());
    remember(path);
    emit opened(path);
    return okStatus();
}

void InputsOpener::openRecent(const QString& path) {
    if (QFileInfo::exists(path)) {
        open(path);
        return;
    }
    const QString question = tr("'%1' no longer exists.\nRemove it from the recent files?")
                                 .arg(QDir::toNativeSeparators(path));
    if (m_errors.ask(tr("Open recent"), question, true)) {
        m_recent.remove(path);
        QSettings settings;
        m_recent.save(settings);
        emit recentFilesChanged();
    }
}

Status InputsOpener::openExample() {
    auto result = loadBundledExample();
    if (!result) {
        m_errors.report(result.error());
        return result.error();
    }
    m_context.setInputs(std::move(result).value());
    if (auto reference = bundledReference())
        m_context.setReference(std::move(reference).value());
    emit opened(QString());
    return okStatus();
}

Status InputsOpener::pasteInputs() {
    return openTypeString(QApplication::clipboard()->text(), ErrorReporter::clipboardOrigin());
}

Status InputsOpener::openTypeString(const QString& text, const QString& origin) {
    if (!mayReplace())
        return okStatus();
    auto result = document::preparedFromText(text, origin);
    if (!result) {
        m_errors.report(result.error(), tr("read"));
        return result.error();
    }
    m_context.setInputs(std::move(result).value());
    emit opened(QString());
    return okStatus();
}

void InputsOpener::chooseAndAddInputSet() {
    const QString path = QFileDialog::getOpenFileName(
        m_dialogParent, tr("Add input set (another example of the same inputs)"), m_lastDirectory,
        inputFilters());
    if (!path.isEmpty())
        addInputSet(path);
}

void InputsOpener::addInputSet(const QString& path) {
    if (!m_context.hasInputs()) {
        open(path);
        return;
    }
    if (!mayReplace())
        return;
    m_load->start(
        QFileInfo(path).fileName(), [path] { return document::loadPreparedInputs(path); },
        [this](Result<document::PreparedInputs>& result) {
            if (!result) {
                m_errors.report(result.error());
                return;
            }
            const Status added = m_context.addInputSet(result.value().session.inputs());
            if (!added)
                m_errors.report(added.error(), tr("add"));
        });
}

bool InputsOpener::isLoading() const {
    return m_load->isRunning();
}

void InputsOpener::waitForLoad() {
    m_load->waitForFinished();
}

} // namespace ds::ui
