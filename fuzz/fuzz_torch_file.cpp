// libFuzzer target: bytes -> a file -> formats::openInputs (zip layer, legacy
// layout, pickle), then the byte reads a value request would make.
#include "FuzzWalk.h"
#include "formats/InputFormats.h"
#include "pt/TensorDataSource.h"
#include "pt/TensorExtent.h"

#include <QByteArray>
#include <QFile>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace {

// The file each input is written to. In memory (/dev/shm) when the system has
// it: on disk, writing every input cost kernel time and waits for the disk, and
// a campaign of three targets gave this one three quarters of the CPU the others got.
QString scratchFile() {
    static QString path = [] {
        for (const char* folder : {"/dev/shm", "/tmp"}) {
            QByteArray name = QByteArray(folder) + "/dimstudio_fuzz_XXXXXX";
            const int fd = mkstemp(name.data());
            if (fd >= 0) {
                close(fd);
                static std::string made;
                made = name.toStdString();
                std::atexit([] { unlink(made.c_str()); }); // a run leaves no file behind
                return QString::fromLocal8Bit(name);
            }
        }
        std::abort();
    }();
    return path;
}

void readEveryView(const QString& path, const ds::InputValue::Ptr& root) {
    auto source = ds::pt::TensorDataSource::open(path);
    if (!source)
        return;
    std::vector<const ds::InputValue*> pending{root.get()};
    int budget = 64;
    while (!pending.empty() && budget > 0) {
        const ds::InputValue* v = pending.back();
        pending.pop_back();
        for (const auto& c : v->items())
            pending.push_back(c.get());
        if (v->kind() != ds::ValueKind::Tensor)
            continue;
        const ds::TensorInfo& t = v->tensorInfo();
        const int es = ds::elementSize(t.dtype);
        auto extent = ds::pt::viewExtentElements(t.shape, t.stride, t.storageOffset);
        if (es <= 0 || !extent || t.numel() == 0 || t.storageKey.isEmpty())
            continue;
        --budget;
        (void)source.value()->read(t, t.storageOffset * es, (extent.value() - t.storageOffset) * es,
                                   es);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QString path = scratchFile();
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            std::abort();
        f.write(reinterpret_cast<const char*>(data), static_cast<qint64>(size));
    }
    auto loaded = ds::formats::openInputs(path);
    if (loaded.ok()) {
        fuzzing::touchTree(loaded.value().root);
        readEveryView(path, loaded.value().root);
    }
    return 0;
}
