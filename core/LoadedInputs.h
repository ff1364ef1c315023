#pragma once

#include "InputValue.h"

#include <QStringList>

namespace ds {

// What a user opened: the inputs, plus what the reader wants them to know
// (classes it did not recognise, ...). Warnings never stop a file from opening.
// Every reader returns one; the dispatcher in core/formats picks the reader.
struct LoadedInputs {
    InputValue::Ptr root;
    QStringList warnings;
    QString path;
    QString format; // the id of the format that read it: "torch-zip", "type-string", ...
    bool hasTensorData = false; // tensor bytes can be read (torch.save files)
};

} // namespace ds
