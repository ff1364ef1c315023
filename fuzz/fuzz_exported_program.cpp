// libFuzzer target: bytes -> a saved exported program's JSON (the model JSON
// of a .pt2 archive): schema, user inputs, sizes in sympy's srepr, ranges and
// the input tree spec, all from untrusted text.
#include "exported/ExportedProgramReader.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray json =
        QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    auto shapes = ds::exported::exportedProgramFromJson(json, QStringLiteral("fuzz.json"));
    qsizetype touched = 0;
    if (shapes.ok())
        for (const auto& input : shapes.value().inputs)
            for (const auto& dim : input.dims)
                touched += dim.expr.size() + input.path.size();
    return touched < 0 ? 1 : 0;
}
