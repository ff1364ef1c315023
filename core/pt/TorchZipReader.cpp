#include "TorchZipReader.h"

#include "PickleMachine.h"
#include "TorchInterpreter.h"
#include "TorchZipLayout.h"

namespace ds::pt {

namespace {

// The pickle of a real torch file is a few MiB at most; this bounds memory.
constexpr qint64 kMaxDataPickleBytes = qint64(512) << 20;

// A storage named by the pickle must have its record, stored as-is and long enough.
Status checkStorageRecord(const ZipArchive& archive, const TorchZipLayout& layout,
                          const StorageInfo& storage) {
    const ZipEntry* record = layout.storageRecord(archive, storage.key, storage.keyNumber);
    if (!record)
        return Error(QStringLiteral("storage key %1 has no record %2 in the archive")
                         .arg(storage.key, layout.recordName(storage.key)));
    const QString& name = record->name;
    if (record->encrypted)
        return Error(QStringLiteral("record %1 is encrypted").arg(name));
    if (!record->isStored())
        return Error(QStringLiteral("record %1 is compressed (method %2); torch.save stores tensor "
                                    "data uncompressed and DimStudio does not inflate it")
                         .arg(name)
                         .arg(record->method));
    if (record->size < storage.bytes)
        return Error(QStringLiteral("record %1 holds %2 bytes but storage %3 needs %4 (%5 x %6 "
                                    "bytes): the file is truncated or damaged")
                         .arg(name)
                         .arg(record->size)
                         .arg(storage.key)
                         .arg(storage.bytes)
                         .arg(storage.numel)
                         .arg(storage.elementBytes));
    return okStatus();
}

} // namespace

Result<LoadedInputs> readTorchZip(const QString& path, const PickleLimits& limits) {
    auto archive = ZipArchive::open(path);
    if (!archive)
        return archive.error();
    const ZipArchive& zip = *archive.value();
    auto layout = findTorchZipLayout(zip);
    if (!layout)
        return layout.error();
    auto pickle = zip.read(*layout.value().dataPickle, kMaxDataPickleBytes);
    if (!pickle)
        return pickle.error();

    const TorchZipLayout& where = layout.value();
    TorchInterpreter interpreter(
        [&](const StorageInfo& s) { return checkStorageRecord(zip, where, s); }, limits);
    const QByteArray& bytes = pickle.value();
    auto outcome = runPickle(bytes.constData(), bytes.size(),
                             PickleSource{where.dataPickle->name, 0}, interpreter, limits);
    if (!outcome)
        return outcome.error().withFile(path);

    interpreter.describeStorages(outcome.value().root);
    LoadedInputs loaded;
    loaded.root = outcome.value().root;
    loaded.warnings = interpreter.warnings();
    loaded.untrustedNames = interpreter.untrustedNames();
    loaded.path = path;
    loaded.format = QStringLiteral("torch-zip");
    return loaded;
}

} // namespace ds::pt
