#pragma once

#include <QString>

namespace ds {

// Element types, numbered by their ONNX TensorProto code so that the compact
// type string (T<code>s...) is a direct read-out.
enum class DType : int {
    Unknown = 0,
    Float32 = 1,
    UInt8 = 2,
    Int8 = 3,
    UInt16 = 4,
    Int16 = 5,
    Int32 = 6,
    Int64 = 7,
    String = 8,
    Bool = 9,
    Float16 = 10,
    Float64 = 11,
    UInt32 = 12,
    UInt64 = 13,
    Complex64 = 14,
    Complex128 = 15,
    BFloat16 = 16,
    Float8E4M3FN = 17,
    Float8E4M3FNUZ = 18,
    Float8E5M2 = 19,
    Float8E5M2FNUZ = 20,
    UInt4 = 21,
    Int4 = 22,
};

int onnxCode(DType t);
// DType::Unknown when the code is not one of the table.
DType dtypeFromOnnxCode(int code);
// Canonical torch name without the "torch." prefix: "float32", "int64", ...
QString torchName(DType t);
// Accepts canonical names and torch's aliases ("float", "long", "half", ...),
// with or without "torch.".
DType dtypeFromTorchName(const QString& name);
// torch's typed storage classes: "FloatStorage" -> Float32.
DType dtypeFromStorageClass(const QString& className);
// Bytes per element, 0 for sub-byte or unknown types.
int elementSize(DType t);
bool isFloatingPoint(DType t);

} // namespace ds
