#include "CommandLine.h"

#include "spec/SpecJson.h"
#include "text/PythonLiteralParser.h"

#include <QFile>
#include <QTextStream>

#include <cstdio>

namespace ds::cli {

namespace {

void writeTo(FILE* stream, const QString& text) {
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stream);
}

} // namespace

int reportError(const Error& error) {
    writeTo(stderr, QStringLiteral("dimstudio: error: ") + error.toString() + QLatin1Char('\n'));
    return kExitBadInput;
}

void printWarning(const QString& text) {
    writeTo(stderr, QStringLiteral("dimstudio: warning: ") + text + QLatin1Char('\n'));
}

void printOut(const QString& text) {
    writeTo(stdout, text);
}

Result<LoadedInputs> loadInputsReporting(const QString& path) {
    auto loaded = loadInputs(path);
    if (loaded)
        for (const QString& w : loaded.value().warnings)
            printWarning(path + QStringLiteral(": ") + w);
    return loaded;
}

Result<LoadedSpecText> readSpecFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("cannot open the spec: %1").arg(file.errorString()), QString(),
                     path);
    if (file.size() > 64 * 1024 * 1024)
        return Error(QStringLiteral("too large for a spec (%1 bytes)").arg(file.size()), QString(),
                     path);
    const QByteArray bytes = file.readAll();
    LoadedSpecText spec;
    // JSON first (DimStudio's own), then Python: a Python dict with single
    // quotes is never valid JSON.
    if (auto json = specFromJson(bytes)) {
        spec.value = json.value().value;
        spec.savedLayout = json.value().layout;
        spec.source = SpecSource::Json;
        return spec;
    }
    auto python = parsePythonLiteral(QString::fromUtf8(bytes));
    if (!python)
        return python.error().withFile(path);
    spec.value = python.value();
    return spec;
}

Result<ShapeSpec> specForInputs(const ExportTree& tree, const LoadedSpecText& spec,
                                const QString& specPath) {
    AlignedSpec aligned = alignSpec(tree, *spec.value, spec.source);
    if (!aligned.issues.empty()) {
        const StructureIssue& first = aligned.issues.front();
        QString message = first.message;
        if (aligned.issues.size() > 1)
            message +=
                QStringLiteral(" (and %1 more structure problems)").arg(aligned.issues.size() - 1);
        return Error(QStringLiteral("the spec does not match the inputs: ") + message,
                     first.path.isEmpty() ? QStringLiteral("the top level") : first.path, specPath);
    }
    return aligned.spec;
}

} // namespace ds::cli
