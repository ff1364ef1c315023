#include "OnnxModelReader.h"

#include "OnDemandModule.h"
#include "onnxmodel/OnnxModelApi.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLibrary>

#include <mutex>

namespace ds::exported {

namespace {

// The ONNX module's functions, resolved once per process.
struct OnnxModule {
    ds_onnxmodel_inputs_fn inputs = nullptr;
    ds_onnxmodel_free_fn release = nullptr;
};

Result<const OnnxModule*> onnxModule() {
    static OnnxModule module;
    static std::once_flag once;
    static Result<const OnnxModule*> loaded(Error(QStringLiteral("not loaded")));
    std::call_once(once, [] {
#ifdef DIMSTUDIO_ONNXMODEL_BUILD_DIR
        const QString buildDir = QStringLiteral(DIMSTUDIO_ONNXMODEL_BUILD_DIR);
#else
        const QString buildDir;
#endif
        auto path = loadOnDemandModule(
            {"dimstudio_onnxmodel", "DIMSTUDIO_ONNXMODEL_MODULE", "onnxmodel", buildDir},
            [](QLibrary& library) {
                auto version = reinterpret_cast<ds_onnxmodel_abi_version_fn>(
                    library.resolve("ds_onnxmodel_abi_version"));
                module.inputs = reinterpret_cast<ds_onnxmodel_inputs_fn>(
                    library.resolve("ds_onnxmodel_inputs"));
                module.release =
                    reinterpret_cast<ds_onnxmodel_free_fn>(library.resolve("ds_onnxmodel_free"));
                return version && module.inputs && module.release &&
                       version() == DS_ONNXMODEL_ABI_VERSION;
            });
        if (path)
            loaded = &module;
        else
            loaded = Error(QStringLiteral("ONNX models need the module "
                                          "libdimstudio_onnxmodel.so, which was not found or did "
                                          "not load; looked in: %1")
                               .arg(path.error().message));
    });
    return loaded;
}

} // namespace

bool looksLikeOnnx(const QByteArray& head) {
    // ModelProto starts with ir_version (field 1, varint: 0x08) in every
    // writer; a zip starts with "PK".
    return !head.isEmpty() && static_cast<unsigned char>(head[0]) == 0x08;
}

Result<ExportedShapes> readOnnxModel(const QString& path) {
    if (!QFile::exists(path))
        return Error(QStringLiteral("no such file"), QString(), path);
    auto module = onnxModule();
    if (!module)
        return module.error().withFile(path);
    char* text = module.value()->inputs(QFile::encodeName(path).constData());
    if (!text)
        return Error(QStringLiteral("the ONNX module returned nothing"), QString(), path);
    const QJsonObject answer = QJsonDocument::fromJson(QByteArray(text)).object();
    module.value()->release(text);
    if (answer.contains(QStringLiteral("error")))
        return Error(answer.value(QStringLiteral("error")).toString(), QString(), path);

    ExportedShapes shapes;
    shapes.hasRanges = false;
    shapes.origin = QStringLiteral("%1 (ONNX, %2)")
                        .arg(path, answer.value(QStringLiteral("producer")).toString());
    for (const QJsonValue& v : answer.value(QStringLiteral("inputs")).toArray()) {
        const QJsonObject o = v.toObject();
        ExportedInput input;
        input.name = o.value(QStringLiteral("name")).toString();
        input.tensor = o.value(QStringLiteral("tensor")).toBool();
        for (const QJsonValue& dim : o.value(QStringLiteral("dims")).toArray()) {
            ExportedSize size;
            if (dim.isDouble()) {
                size.constant = true;
                size.value = dim.toInteger();
            } else {
                // A dim_param, or nothing at all: dynamic without a name.
                size.expr = dim.isString() ? dim.toString() : QStringLiteral("?");
            }
            input.dims.push_back(size);
        }
        shapes.inputs.push_back(std::move(input));
    }
    return shapes;
}

} // namespace ds::exported
