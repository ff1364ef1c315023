#include "DType.h"

#include <array>

namespace ds {

namespace {

struct DTypeRow {
    DType type;
    const char* name;
    const char* storage;
    int size;
    bool floating;
};

// One row per ONNX code; storage classes are the torch 1.x typed storages.
constexpr std::array<DTypeRow, 22> kRows{{
    {DType::Float32, "float32", "FloatStorage", 4, true},
    {DType::UInt8, "uint8", "ByteStorage", 1, false},
    {DType::Int8, "int8", "CharStorage", 1, false},
    {DType::UInt16, "uint16", "", 2, false},
    {DType::Int16, "int16", "ShortStorage", 2, false},
    {DType::Int32, "int32", "IntStorage", 4, false},
    {DType::Int64, "int64", "LongStorage", 8, false},
    {DType::String, "string", "", 0, false},
    {DType::Bool, "bool", "BoolStorage", 1, false},
    {DType::Float16, "float16", "HalfStorage", 2, true},
    {DType::Float64, "float64", "DoubleStorage", 8, true},
    {DType::UInt32, "uint32", "", 4, false},
    {DType::UInt64, "uint64", "", 8, false},
    {DType::Complex64, "complex64", "ComplexFloatStorage", 8, true},
    {DType::Complex128, "complex128", "ComplexDoubleStorage", 16, true},
    {DType::BFloat16, "bfloat16", "BFloat16Storage", 2, true},
    {DType::Float8E4M3FN, "float8_e4m3fn", "", 1, true},
    {DType::Float8E4M3FNUZ, "float8_e4m3fnuz", "", 1, true},
    {DType::Float8E5M2, "float8_e5m2", "", 1, true},
    {DType::Float8E5M2FNUZ, "float8_e5m2fnuz", "", 1, true},
    {DType::UInt4, "uint4", "", 0, false},
    {DType::Int4, "int4", "", 0, false},
}};

const DTypeRow* rowOf(DType t) {
    for (const auto& row : kRows)
        if (row.type == t)
            return &row;
    return nullptr;
}

struct Alias {
    const char* alias;
    DType type;
};
constexpr std::array<Alias, 9> kAliases{{
    {"float", DType::Float32},
    {"double", DType::Float64},
    {"half", DType::Float16},
    {"long", DType::Int64},
    {"int", DType::Int32},
    {"short", DType::Int16},
    {"cfloat", DType::Complex64},
    {"cdouble", DType::Complex128},
    {"uint8_t", DType::UInt8},
}};

} // namespace

int onnxCode(DType t) {
    return static_cast<int>(t);
}

DType dtypeFromOnnxCode(int code) {
    const DType t = static_cast<DType>(code);
    return rowOf(t) ? t : DType::Unknown;
}

QString torchName(DType t) {
    const DTypeRow* row = rowOf(t);
    return row ? QString::fromLatin1(row->name) : QStringLiteral("unknown");
}

DType dtypeFromTorchName(const QString& name) {
    QString n = name;
    if (n.startsWith(QLatin1String("torch.")))
        n = n.mid(6);
    for (const auto& row : kRows)
        if (n == QLatin1String(row.name))
            return row.type;
    for (const auto& a : kAliases)
        if (n == QLatin1String(a.alias))
            return a.type;
    return DType::Unknown;
}

DType dtypeFromStorageClass(const QString& className) {
    QString n = className;
    if (n.startsWith(QLatin1String("torch.")))
        n = n.mid(6);
    for (const auto& row : kRows)
        if (row.storage[0] != '\0' && n == QLatin1String(row.storage))
            return row.type;
    return DType::Unknown;
}

int elementSize(DType t) {
    const DTypeRow* row = rowOf(t);
    return row ? row->size : 0;
}

bool isFloatingPoint(DType t) {
    const DTypeRow* row = rowOf(t);
    return row && row->floating;
}

} // namespace ds
