#include "TensorValues.h"

#include "TensorDataModule.h"
#include "TensorDataSource.h"
#include "TensorExtent.h"
#include "text/PythonRepr.h"

#include <QHash>

namespace ds::pt {

namespace {

// A single tensor's bytes are read into memory to be summarised; beyond this
// the request is refused rather than risking the machine's memory.
constexpr qint64 kMaxSpanBytes = qint64(4) << 30;

QString boolText(qint64 v) {
    return v ? QStringLiteral("True") : QStringLiteral("False");
}

QString valueText(const TensorStats& s, int i, const ds_tensor_stats& raw) {
    switch (s.kind) {
    case TensorStats::Kind::Float:
        return text::pythonFloatRepr(raw.preview_real[i]);
    case TensorStats::Kind::Complex:
        return text::pythonComplexRepr(raw.preview_real[i], raw.preview_imag[i]);
    case TensorStats::Kind::Bool:
        return boolText(raw.preview_int[i]);
    case TensorStats::Kind::Int:
        break;
    }
    return QString::number(raw.preview_int[i]);
}

TensorStats fromRaw(const ds_tensor_stats& raw) {
    TensorStats s;
    switch (raw.value_kind) {
    case DS_VALUE_INT:
        s.kind = TensorStats::Kind::Int;
        break;
    case DS_VALUE_BOOL:
        s.kind = TensorStats::Kind::Bool;
        break;
    case DS_VALUE_COMPLEX:
        s.kind = TensorStats::Kind::Complex;
        break;
    default:
        s.kind = TensorStats::Kind::Float;
        break;
    }
    s.numel = raw.numel;
    s.nanCount = raw.nan_count;
    s.minValue = raw.min_value;
    s.maxValue = raw.max_value;
    s.mean = raw.mean;
    s.minInt = raw.min_int;
    s.maxInt = raw.max_int;
    for (int i = 0; i < raw.preview_count && i < DS_TENSORDATA_PREVIEW_MAX; ++i)
        s.preview << valueText(s, i, raw);
    return s;
}

} // namespace

Result<std::shared_ptr<TensorValueReader>> TensorValueReader::open(const QString& path) {
    auto module = TensorDataModule::instance();
    if (!module)
        return module.error();
    auto source = TensorDataSource::open(path);
    if (!source)
        return source.error();
    auto reader = std::make_shared<TensorValueReader>();
    reader->m_source = source.value();
    reader->m_path = path;
    return reader;
}

Result<TensorStats> TensorValueReader::stats(const TensorInfo& tensor) const {
    const int elementBytes = elementSize(tensor.dtype);
    if (elementBytes <= 0)
        return Error(
            QStringLiteral("values of element type %1 cannot be read").arg(torchName(tensor.dtype)),
            QString(), m_path);
    if (tensor.storageKey.isEmpty())
        return Error(QStringLiteral("the tensor has no data (a meta tensor)"), QString(), m_path);
    // The reader checked the view when the file was opened; a TensorInfo
    // could come from elsewhere, so check it again before reading.
    auto extent = viewExtentElements(tensor.shape, tensor.stride, tensor.storageOffset);
    if (!extent)
        return extent.error().withFile(m_path);
    const qint64 numel = checkedElementCount(tensor.shape).value();
    ds_tensor_stats raw{};
    if (numel > 0) {
        qint64 first = 0, end = 0;
        if (!multiplyChecked(tensor.storageOffset, elementBytes, &first) ||
            !multiplyChecked(extent.value(), elementBytes, &end))
            return Error(QStringLiteral("the tensor's view overflows"), QString(), m_path);
        if (end - first > kMaxSpanBytes)
            return Error(
                QStringLiteral("the tensor spans %1 bytes, too many to summarise").arg(end - first),
                QString(), m_path);
        const bool complex = tensor.dtype == DType::Complex64 || tensor.dtype == DType::Complex128;
        auto bytes =
            m_source->read(tensor, first, end - first, complex ? elementBytes / 2 : elementBytes);
        if (!bytes)
            return bytes.error();
        auto module = TensorDataModule::instance();
        if (!module)
            return module.error();
        // qint64 is long long, int64_t is long: same bits, distinct types.
        const std::vector<int64_t> shape(tensor.shape.begin(), tensor.shape.end());
        const std::vector<int64_t> stride(tensor.stride.begin(), tensor.stride.end());
        ds_tensor_view view{};
        view.data = bytes.value().constData();
        view.data_bytes = bytes.value().size();
        view.onnx_type = onnxCode(tensor.dtype);
        view.rank = tensor.rank();
        view.shape = shape.data();
        view.stride = stride.data();
        view.storage_offset = 0; // the span starts at the view's first element
        auto computed = module.value()->stats(view);
        if (!computed)
            return computed.error().withFile(m_path);
        raw = computed.value();
    } else {
        raw.value_kind = tensor.dtype == DType::Bool ? DS_VALUE_BOOL
                         : (tensor.dtype == DType::Complex64 || tensor.dtype == DType::Complex128)
                             ? DS_VALUE_COMPLEX
                             : (isFloatingPoint(tensor.dtype) ? DS_VALUE_FLOAT : DS_VALUE_INT);
    }
    return fromRaw(raw);
}

QString minMaxSuffix(const TensorInfo& tensor, const TensorStats& s) {
    if (tensor.rank() == 0)
        return s.preview.isEmpty() ? QStringLiteral("=?") : QLatin1Char('=') + s.preview.first();
    if (s.numel == 0)
        return QStringLiteral("[empty]");
    QString low, high;
    switch (s.kind) {
    case TensorStats::Kind::Int:
        low = QString::number(s.minInt);
        high = QString::number(s.maxInt);
        break;
    case TensorStats::Kind::Bool:
        low = boolText(s.minInt);
        high = boolText(s.maxInt);
        break;
    case TensorStats::Kind::Float:
    case TensorStats::Kind::Complex:
        low = text::pythonFloatRepr(s.minValue);
        high = text::pythonFloatRepr(s.maxValue);
        break;
    }
    const QString nans = s.nanCount > 0 ? QStringLiteral("N%1nans").arg(s.nanCount) : QString();
    return QStringLiteral("[%1,%2:A%3%4]").arg(low, high, text::pythonFloatRepr(s.mean), nans);
}

Result<std::function<QString(const TensorInfo&)>> makeValueSuffixProvider(const QString& path) {
    auto reader = TensorValueReader::open(path);
    if (!reader)
        return reader.error();
    std::shared_ptr<TensorValueReader> shared = reader.value();
    // A tensor the pickle shares (one memoized view referenced from many
    // places) is summarised once: its bytes are read and reduced once, not
    // once per place that prints it.
    auto done = std::make_shared<QHash<QString, QString>>();
    return std::function<QString(const TensorInfo&)>([shared, done](const TensorInfo& tensor) {
        QString key = tensor.storageKey + QLatin1Char('|') + torchName(tensor.dtype) +
                      QLatin1Char('|') + QString::number(tensor.storageOffset);
        for (size_t d = 0; d < tensor.shape.size(); ++d)
            key += QStringLiteral("|%1:%2")
                       .arg(tensor.shape[d])
                       .arg(d < tensor.stride.size() ? tensor.stride[d] : -1);
        if (const auto it = done->constFind(key); it != done->constEnd())
            return *it;
        auto stats = shared->stats(tensor);
        const QString suffix = stats ? minMaxSuffix(tensor, stats.value()) : QStringLiteral("[?]");
        done->insert(key, suffix);
        return suffix;
    });
}

} // namespace ds::pt
