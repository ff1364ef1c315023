#pragma once

#include "FileHead.h"
#include "LoadedInputs.h"

namespace ds::formats {

// One kind of inputs file DimStudio reads. Each format says from the file's
// head whether the file is its own, and reads it; the dispatcher
// (InputFormats.h) asks them in turn, so a file is sniffed once and read by
// one reader. A new format (exported programs, ONNX models) is one more
// subclass and one line in the registry.
class InputFormat {
public:
    virtual ~InputFormat() = default;

    // Stable id kept in LoadedInputs::format: "torch-zip", "type-string", ...
    virtual QString id() const = 0;
    // Whether `head` is this format's. Cheap: looks at the bytes given only.
    virtual bool claims(const FileHead& head) const = 0;
    // Reads the whole file. Errors name the file and the place.
    virtual Result<LoadedInputs> read(const FileHead& head) const = 0;
    // Text formats also read what a user pastes.
    virtual bool readsText() const { return false; }
    virtual Result<LoadedInputs> readText(const QByteArray& text, const QString& origin) const;
};

} // namespace ds::formats
