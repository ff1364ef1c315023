// What a warm verify costs DimStudio on top of torch's own export time.
//
//   verify_bench "PYTHON COMMAND" INPUTS.pt MODEL [RUNS]
//
// Exports once with --fix from the all-dynamic spec (cold: the runner starts,
// imports torch and transformers, builds the model), then RUNS more times
// with the spec that exported, in the same warm runner. Prints, per warm
// run, the wall time of the whole verify as DimStudio sees it, torch.export's
// own time (measured in the runner), and the rest: loading the inputs,
// registering, reading the program's inputs, JSON both ways, DimStudio's
// request building and parsing.
#include "formats/InputFormats.h"
#include "runner/VerifyLoop.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace ds;

namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    if (argc < 4) {
        std::fprintf(stderr, "usage: verify_bench PYTHON INPUTS MODEL [RUNS]\n");
        return 2;
    }
    const QString python = QString::fromLocal8Bit(argv[1]);
    const int runs = argc > 4 ? std::max(1, std::atoi(argv[4])) : 5;
    auto loaded = formats::openInputs(QString::fromLocal8Bit(argv[2]));
    auto model = runner::parseModelArgument(QString::fromLocal8Bit(argv[3]));
    if (!loaded || !model) {
        std::fprintf(stderr, "bad inputs or model\n");
        return 2;
    }
    session::Session session(std::move(loaded).value(), caches::CacheLayout::Transformers);
    runner::VerifyOptions options;
    options.model = model.value();
    runner::PythonRunner pythonRunner(python);

    QElapsedTimer clock;
    clock.start();
    auto first = runner::verifySpec(pythonRunner, session, options, true);
    const double coldMs = clock.nsecsElapsed() / 1e6;
    if (!first || !first.value().exported) {
        std::fprintf(stderr, "the first verify did not export: %s\n",
                     first ? "refused" : qPrintable(first.error().toString()));
        return 1;
    }
    session.setSpec(first.value().finalSpec);
    std::printf("cold: %.0f ms for %zu rounds (runner start, imports, model, exports)\n", coldMs,
                first.value().rounds.size());

    std::vector<double> wall, exportMs, rest, runnerRest;
    for (int i = 0; i < runs; ++i) {
        clock.restart();
        auto report = runner::verifySpec(pythonRunner, session, options, false);
        const double ms = clock.nsecsElapsed() / 1e6;
        if (!report || !report.value().exported) {
            std::fprintf(stderr, "a warm verify failed\n");
            return 1;
        }
        const runner::VerifyResult& r = report.value().last().result;
        wall.push_back(ms);
        exportMs.push_back(r.exportSeconds * 1000);
        rest.push_back(ms - r.exportSeconds * 1000);
        runnerRest.push_back(ms - r.totalSeconds * 1000);
        std::printf("warm %d: %.0f ms, torch.export %.0f ms, rest %.0f ms (DimStudio's side and "
                    "the pipe %.1f ms)\n",
                    i + 1, ms, r.exportSeconds * 1000, ms - r.exportSeconds * 1000,
                    ms - r.totalSeconds * 1000);
    }
    std::printf("median of %d warm verifies: %.0f ms, torch.export %.0f ms, on top of it %.0f ms "
                "(goal < 100 ms), of which DimStudio's side and the pipe %.1f ms\n",
                runs, median(wall), median(exportMs), median(rest), median(runnerRest));
    return 0;
}
