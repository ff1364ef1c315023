// The desktop app on a big file: time from process start to the tree shown,
// the latency of one toggle with its repaint, and the longest stall of the
// GUI thread while the deferred work (spec preview, checks) catches up.
//
//   ui_bench FILE [toggles]
//   -> "shown_ms<TAB>idle_ms<TAB>load_stall_ms<TAB>toggle_median_ms<TAB>toggle_worst_ms<TAB>
//       toggle_stall_ms"
//
// It does what `dimstudio FILE` does (a shown main window, the file loaded by
// the background opener) and adds only clocks. shown_ms runs from
// BENCH_T0_NS (set by proc_bench at fork) or else from main() to the first
// repaint of the tree holding the inputs; idle_ms to the end of the deferred
// work after it. A toggle is DocumentContext::toggleDim, what a click on a
// chip or a checkbox does, then a synchronous repaint of the tree's viewport.
// A stall is the longest single pass of the event loop, the time the window
// would not answer a click, measured while the delayed preview and the
// checks' results are applied.
#include "ErrorReporter.h"
#include "InputTreeView.h"
#include "InputsOpener.h"
#include "MainWindow.h"
#include "document/DocumentContext.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSettings>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

namespace {

long long monotonicNs() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

struct Stalls {
    double worstMs = 0;       // the longest single pass of the event loop
    long long lastBusyNs = 0; // when the last pass that did work (over 1 ms) ended
};

// Runs the event loop for `ms`, timing each pass.
Stalls runEventLoop(int ms) {
    Stalls stalls;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < ms) {
        QElapsedTimer pass;
        pass.start();
        QApplication::processEvents(QEventLoop::AllEvents);
        const double passMs = pass.nsecsElapsed() / 1e6;
        stalls.worstMs = std::max(stalls.worstMs, passMs);
        if (passMs > 1)
            stalls.lastBusyNs = monotonicNs();
        QThread::usleep(200); // leave the core to the worker threads
    }
    return stalls;
}

} // namespace

int main(int argc, char** argv) {
    const long long start = qEnvironmentVariableIsSet("BENCH_T0_NS")
                                ? qgetenv("BENCH_T0_NS").toLongLong()
                                : monotonicNs();
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s FILE [toggles]\n", argv[0]);
        return 2;
    }
    const int toggles = argc > 2 ? std::max(2, std::atoi(argv[2])) : 21;
    // Default window layout and preview format; the user's settings stay untouched.
    QTemporaryDir settings;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings.path());
    QCoreApplication::setOrganizationName(QStringLiteral("DimStudioBench"));

    ds::ui::MainWindow window;
    window.setInteractive(false);
    window.show();
    bool opened = false;
    QObject::connect(&window.opener(), &ds::ui::InputsOpener::opened, [&] { opened = true; });
    QObject::connect(&window.errors(), &ds::ui::ErrorReporter::reported, [](const QString& m) {
        std::fprintf(stderr, "%s\n", qPrintable(m));
        std::exit(1);
    });
    long long guiStart = 0; // the worker's part is done; the window takes the inputs
    QObject::connect(&window.context(), &ds::document::DocumentContext::inputsAboutToChange,
                     [&] { guiStart = monotonicNs(); });
    const long long openAt = monotonicNs();
    window.opener().open(QString::fromLocal8Bit(argv[1]));
    while (!opened)
        QApplication::processEvents(QEventLoop::WaitForMoreEvents);
    window.tree()->viewport()->repaint();
    const double shownMs = (monotonicNs() - start) / 1e6;
    if (qEnvironmentVariableIsSet("BENCH_VERBOSE"))
        std::fprintf(stderr, "window up at %.1f ms, inputs read at %.1f ms, shown %.1f ms later\n",
                     (openAt - start) / 1e6, (guiStart - start) / 1e6,
                     shownMs - (guiStart - start) / 1e6);
    const Stalls afterLoad = runEventLoop(1500); // preview and checks of the new inputs
    const double idleMs = afterLoad.lastBusyNs ? (afterLoad.lastBusyNs - start) / 1e6 : shownMs;

    ds::document::DocumentContext& context = window.context();
    const ds::spec::DimRef ref{1, 0};
    window.tree()->scrollTo(window.tree()->viewIndexOfTensor(ref.tensor, 0));
    window.tree()->viewport()->repaint();
    std::vector<double> ms;
    for (int i = 0; i < toggles; ++i) {
        QElapsedTimer toggle;
        toggle.start();
        context.toggleDim(ref, i % 2 == 1);
        const double editMs = toggle.nsecsElapsed() / 1e6;
        window.tree()->viewport()->repaint();
        ms.push_back(toggle.nsecsElapsed() / 1e6);
        if (qEnvironmentVariableIsSet("BENCH_VERBOSE"))
            std::fprintf(stderr, "toggle %d: %.2f ms (edit %.2f ms)\n", i, ms.back(), editMs);
    }
    const Stalls afterToggles = runEventLoop(1500);
    std::sort(ms.begin(), ms.end());
    std::printf("%.1f\t%.1f\t%.1f\t%.2f\t%.2f\t%.1f\n", shownMs, idleMs, afterLoad.worstMs,
                ms[ms.size() / 2], ms.back(), afterToggles.worstMs);
    return 0;
}
