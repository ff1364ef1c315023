#pragma once

#include "InputValue.h"
#include "Result.h"

#include <QStringList>

#include <functional>
#include <memory>

namespace ds::pt {

class TensorDataSource;

// Summary of a tensor's values, computed by the LibTorch module.
struct TensorStats {
    enum class Kind { Float, Int, Bool, Complex };
    Kind kind = Kind::Float;
    qint64 numel = 0;
    qint64 nanCount = 0;
    double minValue = 0, maxValue = 0, mean = 0; // Complex: of the absolute values
    qint64 minInt = 0, maxInt = 0;               // Int and Bool
    QStringList preview;                         // first values as Python prints them
};

// Reads tensor values of one torch.save file on demand: only the bytes of the
// requested view are read, and LibTorch is loaded on first use.
class TensorValueReader {
public:
    static Result<std::shared_ptr<TensorValueReader>> open(const QString& path);
    Result<TensorStats> stats(const TensorInfo& tensor) const;

private:
    std::shared_ptr<TensorDataSource> m_source;
    QString m_path;
};

// onnx-diagnostic's string_type(..., with_min_max=True) text after a tensor's
// shape: "[0.1,0.9:A0.5]" (min,max:Amean), ints as ints, bools as False/True,
// floats as Python's repr of the value torch returns (a float32 0.1 prints
// 0.10000000149011612, as in Python); "[nan,nan:AnanN2nans]" when NaNs are
// present (torch's min/max propagate them); "[empty]" for no elements; and
// "=value" for a 0-d tensor (T1s=2.5). Complex tensors summarise |x|.
QString minMaxSuffix(const TensorInfo& tensor, const TensorStats& stats);

// The suffix provider for the type-string writer and `dimstudio inspect
// --values FILE`: opens the file's data once; each call reads one tensor.
// A tensor whose values cannot be read (meta tensor, dtype without LibTorch
// support, damaged record) gets "[?]" so the type string stays parseable.
Result<std::function<QString(const TensorInfo&)>> makeValueSuffixProvider(const QString& path);

} // namespace ds::pt
