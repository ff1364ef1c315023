#pragma once

#include "ExportTree.h"

namespace ds::spec {

// The Python a `torch.export` snippet needs above its dynamic_shapes so that
// export can flatten the inputs' caches: nothing when they hold none;
// transformers' own register_dynamic_cache_export_support() for plain
// DynamicCaches in the transformers layout (the one registration that exists
// and is faithful there); otherwise DimStudio's registration, the runner's
// own (`dimstudio runner -o dimstudio_runner.py`), in the tree's layout.
QString pythonRegistration(const ExportTree& tree);

} // namespace ds::spec
