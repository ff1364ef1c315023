// Stage timing inside one process: what `dimstudio inspect`, `spec` and
// `check` do, stage by stage, on one inputs file.
//
//   stage_bench FILE [runs]   ->  one line per stage: "stage<TAB>median_ms<TAB>peak_mib"
//
// Every stage runs `runs` times (default 5) and its median time is printed.
// Peak memory is the process's resident high water mark during the stage:
// before the stage, "5" is written to /proc/self/clear_refs, which resets
// VmHWM to the current resident size (Linux >= 4.0); after it, VmHWM is read
// from /proc/self/status. So the figure is the most the process held while
// the stage ran, earlier stages' results included, as a user would see it.
#include "analysis/SpecCheck.h"
#include "formats/InputFormats.h"
#include "spec/ExportTree.h"
#include "spec/ShapeSpec.h"
#include "spec/SpecWriters.h"
#include "text/TypeString.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

namespace {

void resetPeak() {
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    if (clear.open(QIODevice::WriteOnly))
        clear.write("5");
}

double peakMiB() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    return -1;
}

// Runs `stage` `runs` times; prints the median time and the largest peak.
void measure(const char* name, int runs, const std::function<void()>& stage) {
    std::vector<double> ms;
    double peak = 0;
    for (int i = 0; i < runs; ++i) {
        resetPeak();
        QElapsedTimer timer;
        timer.start();
        stage();
        ms.push_back(timer.nsecsElapsed() / 1e6);
        peak = std::max(peak, peakMiB());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("%s\t%.1f\t%.0f\n", name, ms[ms.size() / 2], peak);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s FILE [runs]\n", argv[0]);
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;

    ds::LoadedInputs inputs;
    bool failed = false;
    measure("open", runs, [&] {
        inputs = {}; // the previous run's tree is not part of this run's peak
        auto loaded = ds::formats::openInputs(path);
        if (!loaded) {
            std::fprintf(stderr, "%s\n", qPrintable(loaded.error().toString()));
            failed = true;
            return;
        }
        inputs = std::move(loaded).value();
    });
    if (failed)
        return 1;
    QString typeText;
    measure("type string", runs, [&] { typeText = ds::text::typeString(*inputs.root); });
    // What `dimstudio spec` builds: the export tree and every dimension dynamic.
    std::unique_ptr<ds::spec::ExportTree> tree;
    ds::spec::ShapeSpec spec;
    measure("all-dynamic spec", runs, [&] {
        tree.reset();
        tree = std::make_unique<ds::spec::ExportTree>(inputs.root,
                                                      ds::caches::CacheLayout::Transformers);
        spec = ds::spec::ShapeSpec::allDynamic(*tree);
    });
    std::size_t findings = 0;
    measure("checks", runs, [&] { findings = ds::analysis::checkSpec(*tree, spec).size(); });
    QString text;
    measure("pprint", runs,
            [&] { text = ds::spec::writeSpec(ds::spec::SpecFormat::Pprint, *tree, spec); });
    std::fprintf(stderr, "%d tensors, type string %lld chars, %zu findings, pprint %lld chars\n",
                 tree->tensorCount(), static_cast<long long>(typeText.size()), findings,
                 static_cast<long long>(text.size()));
    return 0;
}
