// The torch.save formats: zip (torch >= 1.6), the pre-1.6 pickle stream, and
// the tar layout of torch before 0.4, which is recognised only to say so.
#include "BuiltinFormats.h"

#include "pt/TorchLegacyReader.h"
#include "pt/TorchZipReader.h"

namespace ds::formats {

namespace {

class TorchZip final : public InputFormat {
public:
    QString id() const override { return QStringLiteral("torch-zip"); }
    bool claims(const FileHead& head) const override {
        // A local header, an empty archive's end record, or a ZIP64 end record.
        return head.bytes.startsWith("PK\x03\x04") || head.bytes.startsWith("PK\x05\x06") ||
               head.bytes.startsWith("PK\x06\x06");
    }
    Result<LoadedInputs> read(const FileHead& head) const override {
        auto loaded = pt::readTorchZip(head.path);
        if (loaded)
            loaded.value().hasTensorData = true;
        return loaded;
    }
};

class TorchLegacy final : public InputFormat {
public:
    QString id() const override { return QStringLiteral("torch-legacy"); }
    // A pickle's PROTO opcode; no text format starts with byte 0x80. The
    // reader checks the magic number itself and says so when it is wrong.
    bool claims(const FileHead& head) const override { return head.bytes.startsWith('\x80'); }
    Result<LoadedInputs> read(const FileHead& head) const override {
        auto loaded = pt::readTorchLegacy(head.path);
        if (loaded)
            loaded.value().hasTensorData = true;
        return loaded;
    }
};

class TorchTar final : public InputFormat {
public:
    QString id() const override { return QStringLiteral("torch-tar"); }
    bool claims(const FileHead& head) const override {
        return head.bytes.size() >= 262 && head.bytes.mid(257, 5) == "ustar";
    }
    Result<LoadedInputs> read(const FileHead& head) const override {
        return Error(QStringLiteral("this is a tar-based torch file (torch before 0.4), which "
                                    "DimStudio does not read; load and re-save it with a newer "
                                    "torch"),
                     QStringLiteral("byte 257, the tar header's \"ustar\" mark"), head.path);
    }
};

} // namespace

const InputFormat& torchZipFormat() {
    static const TorchZip format;
    return format;
}

const InputFormat& torchLegacyFormat() {
    static const TorchLegacy format;
    return format;
}

const InputFormat& torchTarFormat() {
    static const TorchTar format;
    return format;
}

} // namespace ds::formats
