#pragma once

#include "InputFormat.h"

#include <vector>

namespace ds::formats {

// Every format DimStudio reads, in the order they are asked.
const std::vector<const InputFormat*>& inputFormats();

// Opens any supported inputs file: reads its head once, lets the first format
// that claims it read it. The one entry the command line and the app use.
// Never throws; a failed allocation is an error naming the file.
Result<LoadedInputs> openInputs(const QString& path);

// Inputs given as text (the clipboard, a command-line argument): a type
// string or DimStudio JSON. `origin` names the text in errors.
Result<LoadedInputs> inputsFromText(const QString& text, const QString& origin);

} // namespace ds::formats
