#include "CommandLine.h"

#include <QFile>
#include <QTextStream>

#include <cstdio>
#include <cstdlib>

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

int finishWithoutCleanup(int code) {
#ifdef DIMSTUDIO_SANITIZED
    return code;
#else
    std::fflush(stdout);
    std::fflush(stderr);
    std::_Exit(code);
#endif
}

Result<LoadedInputs> loadInputsReporting(const QString& path) {
    auto loaded = loadInputs(path);
    if (loaded)
        for (const QString& w : loaded.value().warnings)
            printWarning(path + QStringLiteral(": ") + w);
    return loaded;
}

} // namespace ds::cli
