#include "ScreenshotMode.h"

#include "InputTreeView.h"
#include "MainWindow.h"
#include "SpecPreviewPanel.h"
#include "document/DocumentContext.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImageWriter>
#include <QPixmap>

namespace ds::ui {

namespace {

void settle(int ms) {
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < ms)
        QApplication::processEvents(QEventLoop::AllEvents, 20);
}

} // namespace

Status renderScreenshot(MainWindow& window, const QString& path) {
    window.resize(1400, 900);
    window.show();
    document::DocumentContext& context = window.context();
    window.tree()->expandContainers();
    if (context.hasInputs() && context.spec().tensorCount() > 0 && context.spec().rank(0) > 0) {
        // The first tensor's dimensions as rows, its first dim selected:
        // the dims sharing its name light up across the tree.
        window.tree()->expand(window.tree()->viewIndexOfTensor(0, 0));
        context.revealDim({0, 0});
    }
    context.flushAnalysis();
    window.preview()->refreshNow();
    settle(200);
    const QPixmap shot = window.grab();
    QImageWriter writer(path, "png");
    if (!writer.write(shot.toImage()))
        return Error(writer.errorString(), QString(), path);
    return okStatus();
}

} // namespace ds::ui
