#include "CommandLine.h"

#include "MemoryCeiling.h"

#include <QFile>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace ds::cli {

namespace {

// In slices, so that a spec of some megabytes is never a second time in memory
// as UTF-8; a slice never ends between the two halves of a surrogate pair.
void writeTo(FILE* stream, const QString& text) {
    constexpr qsizetype kSlice = 1 << 16;
    for (qsizetype at = 0; at < text.size();) {
        qsizetype end = std::min(text.size(), at + kSlice);
        if (end < text.size() && text[end].isLowSurrogate())
            --end;
        const QByteArray bytes = QStringView(text).mid(at, end - at).toUtf8();
        std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stream);
        at = end;
    }
}

} // namespace

int reportError(const Error& error) {
    writeTo(stderr, QStringLiteral("dimstudio: error: ") + error.toString() + QLatin1Char('\n'));
    return kExitBadInput;
}

void printWarning(const QString& text) {
    writeTo(stderr, QStringLiteral("dimstudio: warning: ") + oneLine(text) + QLatin1Char('\n'));
}

void printNote(const QString& text) {
    writeTo(stderr, QStringLiteral("dimstudio: ") + text + QLatin1Char('\n'));
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

namespace {
QString g_lastInput; // for reportOutOfMemory
} // namespace

Result<LoadedInputs> loadInputsReporting(const QString& path) {
    g_lastInput = path;
    auto loaded = formats::openInputs(path);
    if (loaded)
        for (const QString& w : loaded.value().warnings)
            printWarning(path + QStringLiteral(": ") + w);
    return loaded;
}

int reportOutOfMemory(const QString& command) {
    return reportError(Error(outOfMemoryMessage(QStringLiteral("after reading the file")),
                             QStringLiteral("dimstudio %1").arg(command), g_lastInput));
}

} // namespace ds::cli
