#include "ExportedArtifact.h"

#include "ExportedProgramReader.h"
#include "OnnxModelReader.h"

#include <QFile>

namespace ds::exported {

Result<ExportedShapes> readExportedArtifact(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("cannot open: %1").arg(file.errorString()), QString(), path);
    const QByteArray head = file.read(4);
    file.close();
    if (head.startsWith("PK"))
        return readExportedProgram(path);
    auto onnx = readOnnxModel(path);
    if (!onnx && !looksLikeOnnx(head))
        return Error(QStringLiteral("neither a saved exported program (a .pt2 zip archive) nor "
                                    "an ONNX model"),
                     QStringLiteral("byte 0"), path);
    return onnx;
}

} // namespace ds::exported
