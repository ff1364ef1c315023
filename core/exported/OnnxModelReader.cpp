#include "OnnxModelReader.h"

// ONNX's generated protobuf classes; no Qt header before them is needed, and
// none of them defines Qt's keywords.
#include <onnx/onnx_pb.h>

#include <QFile>
#include <QSet>

#include <limits>

namespace ds::exported {

namespace {

// protobuf refuses messages of 2 GiB and more; a model that large keeps its
// weights as external data, which is never read here.
constexpr qint64 kMaxModelBytes = std::numeric_limits<int>::max();

} // namespace

bool looksLikeOnnx(const QByteArray& head) {
    // ModelProto starts with ir_version (field 1, varint: 0x08) in every
    // writer; a zip starts with "PK".
    return !head.isEmpty() && static_cast<unsigned char>(head[0]) == 0x08;
}

Result<ExportedShapes> readOnnxModel(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("cannot open: %1").arg(file.errorString()), QString(), path);
    if (file.size() >= kMaxModelBytes)
        return Error(
            QStringLiteral("%1 bytes: an ONNX model is under 2 GiB (larger ones keep their "
                           "weights as external data)")
                .arg(file.size()),
            QString(), path);
    const QByteArray bytes = file.readAll();
    onnx::ModelProto model;
    if (!model.ParseFromArray(bytes.constData(), static_cast<int>(bytes.size())))
        return Error(QStringLiteral("not an ONNX model: its protobuf does not parse as a "
                                    "ModelProto"),
                     QString(), path);
    if (!model.has_graph())
        return Error(QStringLiteral("the ONNX model has no graph"), QString(), path);
    const onnx::GraphProto& graph = model.graph();
    // Older exporters list the weights among the inputs too.
    QSet<QString> initializers;
    for (const onnx::TensorProto& t : graph.initializer())
        initializers.insert(QString::fromStdString(t.name()));

    ExportedShapes shapes;
    shapes.hasRanges = false;
    shapes.origin = QStringLiteral("%1 (ONNX, %2 %3)")
                        .arg(path, QString::fromStdString(model.producer_name()),
                             QString::fromStdString(model.producer_version()));
    for (int i = 0; i < graph.input_size(); ++i) {
        const onnx::ValueInfoProto& value = graph.input(i);
        ExportedInput input;
        input.name = QString::fromStdString(value.name());
        if (initializers.contains(input.name))
            continue;
        const onnx::TypeProto& type = value.type();
        if (!type.has_tensor_type()) {
            input.tensor = false;
            shapes.inputs.push_back(std::move(input));
            continue;
        }
        const onnx::TensorShapeProto& shape = type.tensor_type().shape();
        for (int d = 0; d < shape.dim_size(); ++d) {
            const onnx::TensorShapeProto::Dimension& dim = shape.dim(d);
            ExportedSize size;
            if (dim.has_dim_value()) {
                size.constant = true;
                size.value = dim.dim_value();
            } else {
                // A dim_param, or nothing at all: dynamic without a name.
                size.expr = dim.has_dim_param() ? QString::fromStdString(dim.dim_param())
                                                : QStringLiteral("?");
            }
            input.dims.push_back(size);
        }
        shapes.inputs.push_back(std::move(input));
    }
    return shapes;
}

} // namespace ds::exported
