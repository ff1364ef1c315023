#pragma once

#include <QStringList>

class QSettings;

namespace ds::document {

// The recently opened inputs, newest first, at most ten, kept in QSettings.
class RecentFiles {
public:
    static constexpr int kMaxCount = 10;

    void load(const QSettings& settings);
    void save(QSettings& settings) const;

    const QStringList& paths() const { return m_paths; }
    void add(const QString& path); // moves an existing entry to the front
    void remove(const QString& path);
    void clear() { m_paths.clear(); }

private:
    QStringList m_paths;
};

} // namespace ds::document
