#pragma once

#include "InputValue.h"
#include "Result.h"

#include <QStringList>

namespace ds {

// What a user opened: the inputs, plus what the reader wants them to know
// (classes it did not recognise, ...). Warnings never stop a file from opening.
struct LoadedInputs {
    InputValue::Ptr root;
    QStringList warnings;
    QString path;
    QString format; // "torch-zip", "torch-legacy", "type-string", "dimstudio-json"
};

enum class InputFileKind { TorchZip, TorchLegacy, TypeString, DimStudioJson, Unknown };

// Decides from the first bytes, not the extension.
InputFileKind sniffInputFile(const QByteArray& head);

// Opens any supported inputs file. Errors name the file and the place.
Result<LoadedInputs> loadInputs(const QString& path);

// A compact type string given as text (clipboard, command line).
Result<LoadedInputs> loadInputsFromTypeString(const QString& text, const QString& origin);

} // namespace ds
