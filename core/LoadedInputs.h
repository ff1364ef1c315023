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
    // Classes and functions the pickle names that DimStudio does not recognise
    // (pt::isRecognisedClass), wherever they were: a tensor subclass leaves
    // no trace in the tree. The export runner does not unpickle such a file
    // without --trust-pickle.
    QStringList untrustedNames;
};

} // namespace ds
