#include "TensorDataSource.h"

#include "TorchZipLayout.h"
#include "ZipArchive.h"

#include <QFile>

#include <algorithm>

namespace ds::pt {

TensorDataSource::~TensorDataSource() = default;

Result<std::shared_ptr<TensorDataSource>> TensorDataSource::open(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("cannot open the file: %1").arg(file.errorString()), QString(),
                     path);
    const QByteArray head = file.read(4);
    file.close();
    std::shared_ptr<TensorDataSource> source(new TensorDataSource);
    source->m_path = path;
    if (head.startsWith("PK")) {
        auto zip = ZipArchive::open(path);
        if (!zip)
            return zip.error();
        auto layout = findTorchZipLayout(*zip.value());
        if (!layout)
            return layout.error();
        source->m_bigEndian = layout.value().bigEndian;
        source->m_layout = std::make_unique<TorchZipLayout>(layout.value());
        source->m_zip = std::move(zip.value());
    }
    return source;
}

Result<QByteArray> TensorDataSource::read(const TensorInfo& tensor, qint64 firstByte, qint64 length,
                                          int numberBytes) const {
    if (firstByte < 0 || length < 0 ||
        (tensor.storageBytes >= 0 &&
         (firstByte > tensor.storageBytes || length > tensor.storageBytes - firstByte)))
        return Error(QStringLiteral("bytes [%1, +%2) lie outside storage %3")
                         .arg(firstByte)
                         .arg(length)
                         .arg(tensor.storageKey),
                     QString(), m_path);
    auto bytes = m_zip ? readZip(tensor, firstByte, length) : readLegacy(tensor, firstByte, length);
    if (!bytes || !m_bigEndian || numberBytes <= 1)
        return bytes;
    QByteArray& data = bytes.value();
    for (qsizetype i = 0; i + numberBytes <= data.size(); i += numberBytes)
        std::reverse(data.begin() + i, data.begin() + i + numberBytes);
    return bytes;
}

Result<QByteArray> TensorDataSource::readZip(const TensorInfo& tensor, qint64 firstByte,
                                             qint64 length) const {
    const ZipEntry* record = m_layout->storageRecord(*m_zip, tensor.storageKey);
    if (!record)
        return Error(QStringLiteral("the archive has no record %1")
                         .arg(m_layout->recordName(tensor.storageKey)),
                     QString(), m_path);
    return m_zip->readRange(*record, firstByte, length);
}

Result<QByteArray> TensorDataSource::readLegacy(const TensorInfo& tensor, qint64 firstByte,
                                                qint64 length) const {
    if (tensor.storageFileOffset < 0)
        return Error(
            QStringLiteral("storage %1 has no known place in the file").arg(tensor.storageKey),
            QString(), m_path);
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("cannot open the file: %1").arg(file.errorString()), QString(),
                     m_path);
    const qint64 start = tensor.storageFileOffset + firstByte;
    if (start < 0 || start > file.size() || length > file.size() - start)
        return Error(
            QStringLiteral("storage %1 lies past the end of the file").arg(tensor.storageKey),
            QString(), m_path);
    if (!file.seek(start))
        return Error(QStringLiteral("cannot seek: %1").arg(file.errorString()), QString(), m_path);
    QByteArray data = file.read(length);
    if (data.size() != length)
        return Error(QStringLiteral("the file ends inside storage %1").arg(tensor.storageKey),
                     QString(), m_path);
    return data;
}

} // namespace ds::pt
