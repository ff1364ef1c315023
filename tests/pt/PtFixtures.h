#pragma once

// Paths of the committed torch.save fixtures (tests/fixtures/pt, made by
// make_pt_fixtures.py) and hostile files (tests/fixtures/hostile, made by
// make_hostile.py); the tests never need Python.
#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>

namespace ptfixtures {

inline QString path(const QString& relative) {
    return QStringLiteral(DIMSTUDIO_FIXTURES) + QLatin1Char('/') + relative;
}

inline QString readText(const QString& relative) {
    QFile f(path(relative));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("<cannot read %1>").arg(relative);
    return QString::fromUtf8(f.readAll());
}

// Saved files in `dir` (.pt, .pth, .bin), sorted by name.
inline QStringList savedFiles(const QString& dir) {
    return QDir(path(dir)).entryList(
        {QStringLiteral("*.pt"), QStringLiteral("*.pth"), QStringLiteral("*.bin")}, QDir::Files,
        QDir::Name);
}

// "seed_dynamic_cache_v449.pt" -> "seed_dynamic_cache_v449"
inline QString stem(const QString& file) {
    return file.left(file.lastIndexOf(QLatin1Char('.')));
}

} // namespace ptfixtures
