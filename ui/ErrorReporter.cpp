#include "ErrorReporter.h"

#include <QDir>
#include <QFileInfo>
#include <QMessageBox>

namespace ds::ui {

ErrorReporter::ErrorReporter(QWidget* dialogParent)
    : QObject(dialogParent), m_dialogParent(dialogParent) {}

QString ErrorReporter::messageFor(const Error& error, const QString& action) {
    QString reason = error.message;
    if (!error.where.isEmpty())
        reason += tr(" (at %1)").arg(error.where);
    if (error.file.isEmpty())
        return reason;
    if (error.file == clipboardOrigin())
        return tr("Couldn't %1 the clipboard's text\n%2").arg(action, reason);
    const QString name = error.file.startsWith(QLatin1Char(':'))
                             ? QFileInfo(error.file).fileName()
                             : QDir::toNativeSeparators(error.file);
    return tr("Couldn't %1 file '%2'\n%3").arg(action, name, reason);
}

void ErrorReporter::report(const Error& error, const QString& action) {
    const QString message = messageFor(error, action);
    emit reported(message);
    if (m_interactive)
        QMessageBox::warning(m_dialogParent, tr("DimStudio"), message);
}

bool ErrorReporter::ask(const QString& title, const QString& question, bool fallback) {
    if (!m_interactive)
        return fallback;
    return QMessageBox::question(m_dialogParent, title, question) == QMessageBox::Yes;
}

} // namespace ds::ui
