#pragma once

// Shared set-up for the desktop tests: fixtures, isolated settings, and a
// main window that reports errors through a signal instead of message boxes.
#include "InputTreeView.h"
#include "InputsOpener.h"
#include "MainWindow.h"
#include "document/DocumentContext.h"
#include "itemmodels/InputFilterProxyModel.h"
#include "itemmodels/InputTreeModel.h"

#include <QCoreApplication>
#include <QSettings>
#include <QTest>

namespace uitest {

inline QString fixture(const QString& relative) {
    return QStringLiteral(DIMSTUDIO_FIXTURES) + QLatin1Char('/') + relative;
}

inline QString seedInputs() {
    return fixture(QStringLiteral("pt/seed_static_cache_v449.pt"));
}
inline QString seedReference() {
    return fixture(QStringLiteral("analysis/seed_reference.py"));
}

// Tests never read or write the user's settings.
inline void isolateSettings() {
    QCoreApplication::setOrganizationName(QStringLiteral("DimStudioTests"));
    QCoreApplication::setApplicationName(QStringLiteral("DimStudioTests"));
    QSettings().clear();
}

inline ds::document::PreparedInputs prepared(const QString& path) {
    auto result = ds::document::loadPreparedInputs(path);
    if (!result)
        qFatal("cannot load %s: %s", qPrintable(path), qPrintable(result.error().toString()));
    return std::move(result).value();
}

inline ds::document::PreparedInputs preparedTypeString(const QString& text) {
    auto result = ds::document::preparedFromText(text, QStringLiteral("test"));
    if (!result)
        qFatal("bad type string %s", qPrintable(text));
    return std::move(result).value();
}

// A shown window holding `path` (the seed's inputs by default), containers expanded.
inline std::unique_ptr<ds::ui::MainWindow> openWindow(const QString& path = seedInputs()) {
    auto window = std::make_unique<ds::ui::MainWindow>();
    window->setInteractive(false);
    window->resize(1400, 900);
    window->show();
    window->activateWindow(); // shortcuts (Undo, Copy, F2) need the active window
    if (!QTest::qWaitForWindowActive(window.get()))
        qWarning("window not active");
    if (!path.isEmpty() && !window->opener().openNow(path))
        qFatal("cannot open %s", qPrintable(path));
    window->tree()->expandContainers();
    return window;
}

inline ds::spec::DimRef dimAt(const ds::document::DocumentContext& context, const QString& path,
                              int dim) {
    const ds::spec::ExportNode* node = context.tree().find(path);
    return node ? ds::spec::DimRef{node->tensorIndex, dim} : ds::spec::DimRef{};
}

} // namespace uitest
