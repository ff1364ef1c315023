// libFuzzer target: bytes -> the pickle machine with torch's interpreter.
// Storages are accepted when small so that tensor rebuilds are reached too.
#include "FuzzWalk.h"
#include "pt/PickleMachine.h"
#include "pt/TorchInterpreter.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace ds::pt;
    PickleLimits limits;
    TorchInterpreter interpreter(
        [](const StorageInfo& s) {
            return s.bytes <= (1 << 20) ? ds::okStatus()
                                        : ds::Status(ds::Error(QStringLiteral("too big")));
        },
        limits);
    auto outcome = runPickle(reinterpret_cast<const char*>(data), static_cast<qint64>(size),
                             PickleSource{QStringLiteral("fuzz.pkl"), 0}, interpreter, limits);
    if (outcome.ok())
        fuzzing::touchTree(outcome.value().root);
    return 0;
}
