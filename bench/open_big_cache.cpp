// Benchmark: opening a large torch.save file reads only its pickle, so the
// time and memory should not grow with the tensor bytes. Prints the open time
// (best and median of several runs), peak resident memory (getrusage), and the
// time to summarise one tensor's values through the LibTorch module.
//
//   open_big_cache FILE [runs]
#include "formats/InputFormats.h"
#include "pt/TensorValues.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

#include <sys/resource.h>

namespace {

long peakResidentMiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

void collectTensors(const ds::InputValue::Ptr& v, std::vector<const ds::TensorInfo*>& out) {
    if (!v)
        return;
    if (v->kind() == ds::ValueKind::Tensor)
        out.push_back(&v->tensorInfo());
    for (const auto& item : v->items())
        collectTensors(item, out);
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s FILE [runs]\n", argv[0]);
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 10;

    std::vector<double> ms;
    ds::InputValue::Ptr root;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        auto loaded = ds::formats::openInputs(path);
        ms.push_back(timer.nsecsElapsed() / 1e6);
        if (!loaded) {
            std::fprintf(stderr, "%s\n", qPrintable(loaded.error().toString()));
            return 1;
        }
        root = loaded.value().root;
    }
    std::sort(ms.begin(), ms.end());
    std::vector<const ds::TensorInfo*> tensors;
    collectTensors(root, tensors);
    qint64 bytes = 0;
    for (const auto* t : tensors)
        bytes += t->numel() * ds::elementSize(t->dtype);
    std::printf(
        "readTorchFile: best %.2f ms, median %.2f ms over %d runs; %zu tensors, %.1f MiB of "
        "tensor data; peak RSS %ld MiB\n",
        ms.front(), ms[ms.size() / 2], runs, tensors.size(), bytes / 1048576.0, peakResidentMiB());

    // One cache tensor's values on demand (loads LibTorch the first time).
    const ds::TensorInfo* biggest = nullptr;
    for (const auto* t : tensors)
        if (!biggest || t->numel() > biggest->numel())
            biggest = t;
    if (!biggest)
        return 0;
    QElapsedTimer timer;
    timer.start();
    auto reader = ds::pt::TensorValueReader::open(path);
    if (!reader) {
        std::printf("values: %s\n", qPrintable(reader.error().toString()));
        return 0;
    }
    const double loadMs = timer.nsecsElapsed() / 1e6;
    timer.restart();
    auto stats = reader.value()->stats(*biggest);
    const double statsMs = timer.nsecsElapsed() / 1e6;
    std::printf(
        "values of one %.1f MiB tensor: %.1f ms (+%.1f ms loading LibTorch once) %s; peak RSS "
        "%ld MiB\n",
        biggest->numel() * ds::elementSize(biggest->dtype) / 1048576.0, statsMs, loadMs,
        stats ? qPrintable(ds::pt::minMaxSuffix(*biggest, stats.value()))
              : qPrintable(stats.error().toString()),
        peakResidentMiB());
    return 0;
}
