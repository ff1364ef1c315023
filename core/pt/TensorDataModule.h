#pragma once

#include "Result.h"
#include "tensordata/TensorDataApi.h"

#include <QStringList>

namespace ds::pt {

// The LibTorch tensor-data module (core/tensordata), loaded with QLibrary the
// first time a value is needed, so that DimStudio starts, and opens files,
// without LibTorch. Looked for, in order: $DIMSTUDIO_TENSORDATA_MODULE (a file),
// next to the executable, ../lib/dimstudio, and the build tree.
class TensorDataModule {
public:
    // Loads once per process; later calls return the same module or error.
    static Result<const TensorDataModule*> instance();

    const QString& path() const { return m_path; }
    // Statistics of a strided view; the bytes must already be little-endian.
    Result<ds_tensor_stats> stats(const ds_tensor_view& view) const;

private:
    TensorDataModule() = default;
    QString m_path;
    ds_tensordata_stats_fn m_stats = nullptr;
};

} // namespace ds::pt
