#include "TorchFileReader.h"

#include "TorchLegacyReader.h"
#include "TorchZipReader.h"

#include <QFile>

#include <exception>
#include <new>

namespace ds::pt {

namespace {

enum class TorchFormat { Zip, Legacy, Tar, Empty, Other };

TorchFormat sniff(const QByteArray& head) {
    if (head.isEmpty())
        return TorchFormat::Empty;
    if (head.startsWith("PK\x03\x04") || head.startsWith("PK\x05\x06") ||
        head.startsWith("PK\x06\x06"))
        return TorchFormat::Zip;
    if (head.size() >= 262 && head.mid(257, 5) == "ustar")
        return TorchFormat::Tar;
    if (static_cast<quint8>(head[0]) == 0x80)
        return TorchFormat::Legacy; // a pickle with a PROTO opcode
    return TorchFormat::Other;
}

Result<LoadedInputs> readGuarded(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("cannot open the file: %1").arg(file.errorString()), QString(),
                     path);
    const QByteArray head = file.read(512);
    file.close();
    switch (sniff(head)) {
    case TorchFormat::Zip:
        return readTorchZip(path);
    case TorchFormat::Legacy:
        return readTorchLegacy(path);
    case TorchFormat::Empty:
        return Error(QStringLiteral("the file is empty"), QString(), path);
    case TorchFormat::Tar:
        return Error(QStringLiteral("this is a tar-based torch file (torch before 0.4), which "
                                    "DimStudio does not read; load and re-save it with a newer "
                                    "torch"),
                     QString(), path);
    case TorchFormat::Other:
        break;
    }
    return Error(QStringLiteral("not a torch.save file: neither a zip archive nor a pickle"),
                 QStringLiteral("byte 0"), path);
}

} // namespace

Result<LoadedInputs> readTorchFile(const QString& path) {
    // Nothing below throws on purpose; a failed allocation is the one way an
    // exception could start, and it must not escape into the application.
    try {
        return readGuarded(path);
    } catch (const std::bad_alloc&) {
        return Error(QStringLiteral("out of memory while reading the file"), QString(), path);
    } catch (const std::exception& e) {
        return Error(QStringLiteral("internal error while reading the file: %1")
                         .arg(QString::fromLocal8Bit(e.what())),
                     QString(), path);
    }
}

} // namespace ds::pt
