#include "RecentFiles.h"

#include <QFileInfo>
#include <QSettings>

namespace ds::document {

namespace {

const QString kKey = QStringLiteral("recentFiles");

} // namespace

void RecentFiles::load(const QSettings& settings) {
    m_paths.clear();
    for (const QString& path : settings.value(kKey).toStringList())
        if (!path.isEmpty() && !m_paths.contains(path) && m_paths.size() < kMaxCount)
            m_paths << path;
}

void RecentFiles::save(QSettings& settings) const {
    settings.setValue(kKey, m_paths);
}

void RecentFiles::add(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_paths.removeAll(absolute);
    m_paths.prepend(absolute);
    while (m_paths.size() > kMaxCount)
        m_paths.removeLast();
}

void RecentFiles::remove(const QString& path) {
    m_paths.removeAll(path);
}

} // namespace ds::document
