#include "RecentFilesMenu.h"

#include "InputsOpener.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace ds::ui {

RecentFilesMenu::RecentFilesMenu(InputsOpener& opener, QWidget* parent)
    : QMenu(tr("Open &Recent"), parent), m_opener(opener) {
    connect(&opener, &InputsOpener::recentFilesChanged, this, &RecentFilesMenu::rebuild);
    rebuild();
}

void RecentFilesMenu::rebuild() {
    clear();
    const QStringList paths = m_opener.recentFiles().paths();
    for (int i = 0; i < paths.size(); ++i) {
        const QString path = paths[i];
        const QString label =
            QStringLiteral("&%1 %2").arg((i + 1) % 10).arg(QFileInfo(path).fileName());
        QAction* action = addAction(label, this, [this, path] { m_opener.openRecent(path); });
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
    }
    if (paths.isEmpty())
        addAction(tr("No recent files"))->setEnabled(false);
    addSeparator();
    QAction* clearAll = addAction(tr("Clear recent files"), this, [this] {
        m_opener.recentFiles().clear();
        QSettings settings;
        m_opener.recentFiles().save(settings);
        rebuild();
    });
    clearAll->setEnabled(!paths.isEmpty());
}

} // namespace ds::ui
