#include "DialogFolders.h"

#include "document/DocumentContext.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace ds::ui {

namespace {

const QString kLastDirectory = QStringLiteral("lastDirectory"); // InputsOpener's key too

} // namespace

QString dialogFolder(const document::DocumentContext& context) {
    if (context.hasInputFile())
        return QFileInfo(context.inputs().path).absolutePath();
    const QString last = QSettings().value(kLastDirectory).toString();
    if (!last.isEmpty() && QFileInfo(last).isDir())
        return last;
    return QDir::currentPath();
}

void rememberDialogFolder(const QString& path) {
    if (!path.isEmpty())
        QSettings().setValue(kLastDirectory, QFileInfo(path).absolutePath());
}

} // namespace ds::ui
