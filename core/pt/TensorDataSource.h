#pragma once

#include "InputValue.h"
#include "Result.h"

#include <memory>

namespace ds::pt {

class ZipArchive;
struct TorchZipLayout;

// Reads the bytes of one tensor's view from a torch.save file, and nothing
// more: a stored zip record is read in place, a legacy storage at its offset.
// Opened once per file and shared by every value request.
class TensorDataSource {
public:
    static Result<std::shared_ptr<TensorDataSource>> open(const QString& path);
    ~TensorDataSource();

    // Bytes [firstByte, firstByte + length) of the tensor's storage, as
    // little-endian numbers of `numberBytes` (torch writes big-endian files on
    // big-endian machines and says so in "byteorder"; a complex number is two).
    Result<QByteArray> read(const TensorInfo& tensor, qint64 firstByte, qint64 length,
                            int numberBytes) const;

private:
    TensorDataSource() = default;
    Result<QByteArray> readZip(const TensorInfo& tensor, qint64 firstByte, qint64 length) const;
    Result<QByteArray> readLegacy(const TensorInfo& tensor, qint64 firstByte, qint64 length) const;

    QString m_path;
    std::unique_ptr<ZipArchive> m_zip; // null for legacy files
    std::unique_ptr<TorchZipLayout> m_layout;
    bool m_bigEndian = false;
};

} // namespace ds::pt
