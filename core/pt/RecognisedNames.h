#pragma once

#include <QString>

namespace ds::pt {

// The allow-list: names the reader understands without a warning, and that
// the export runner's torch.load(weights_only=True) may meet. torch's
// dtypes, storages, layouts and rebuild functions (not every "torch." name:
// torch.from_file or torch.utils.cpp_extension are torch too), transformers'
// caches and their layers, the ModelOutput dataclasses models take as inputs,
// and the builtins/collections types pickles use for containers. Anything
// else a file names is a placeholder with a warning, and the export runner
// needs --trust-pickle for it.
bool isRecognisedClass(const QString& qualifiedName);

} // namespace ds::pt
