// The tensor half of TorchInterpreter: torch's _rebuild_* functions read as
// descriptions of tensors whose bytes stay in the file.

#include "TensorExtent.h"
#include "TorchInterpreter.h"

namespace ds::pt {

namespace {

using Ptr = InputValue::Ptr;

Ptr copyAsParameter(const InputValue& tensor, bool requiresGrad) {
    TensorInfo info = tensor.tensorInfo();
    info.isParameter = true;
    info.requiresGrad = requiresGrad;
    return InputValue::tensor(std::move(info));
}

QString shortFunctionName(const QString& name) {
    return name.mid(name.lastIndexOf(QLatin1Char('.')) + 1);
}

// "(2, 3)": sizes and strides as Python prints a tuple.
QString tupleText(const std::vector<qint64>& values) {
    QStringList parts;
    for (qint64 v : values)
        parts << QString::number(v);
    return QStringLiteral("(%1%2)").arg(parts.join(QStringLiteral(", ")),
                                        values.size() == 1 ? QStringLiteral(",") : QString());
}

bool isOneOf(const QString& name, std::initializer_list<const char*> names) {
    for (const char* n : names)
        if (name == QLatin1String(n))
            return true;
    return false;
}

} // namespace

const StorageInfo* TorchInterpreter::storageOf(const InputValue& v) const {
    // Only persistentLoad gives an Object a scalar: the index of its storage.
    if (v.kind() != ValueKind::Object || !v.scalar().isValid())
        return nullptr;
    const qint64 index = v.scalar().toLongLong();
    if (index < 0 || index >= static_cast<qint64>(m_storages.size()))
        return nullptr;
    const StorageInfo& info = m_storages[static_cast<size_t>(index)];
    return info.className == v.className() ? &info : nullptr;
}

Result<Ptr> TorchInterpreter::callTensorFunction(const QString& name, const CallArguments& args,
                                                 int depth, bool* handled) {
    *handled = true;
    if (name == QLatin1String("torch._utils._rebuild_tensor")) {
        if (Status s = args.requireCount(4, 4); !s)
            return s.error();
        return tensorFromStorage(args, 2, std::nullopt, false);
    }
    if (name == QLatin1String("torch._utils._rebuild_tensor_v2") ||
        name == QLatin1String("torch._utils._rebuild_tensor_v3")) {
        const bool v3 = name.endsWith(QLatin1String("v3"));
        if (Status s = args.requireCount(v3 ? 7 : 6, v3 ? 8 : 7); !s)
            return s.error();
        auto grad = args.boolean(4, "requires_grad");
        if (!grad)
            return grad.error();
        std::optional<DType> dtype;
        if (v3) {
            auto d = args.dtype(6, "dtype");
            if (!d)
                return d.error();
            dtype = d.value();
            if (d.value() == DType::Unknown)
                warnOnce(
                    QStringLiteral("tensors of type %1 have no ONNX element type; their values "
                                   "cannot be shown")
                        .arg(args.at(6)->className()));
        }
        return tensorFromStorage(args, 2, dtype, grad.value());
    }
    if (name == QLatin1String("torch._utils._rebuild_qtensor")) {
        if (Status s = args.requireCount(7, 7); !s)
            return s.error();
        auto grad = args.boolean(5, "requires_grad");
        if (!grad)
            return grad.error();
        warnOnce(QStringLiteral("quantized tensors are shown with the element type of their "
                                "integer representation"));
        return tensorFromStorage(args, 2, std::nullopt, grad.value());
    }
    if (name == QLatin1String("torch._utils._rebuild_parameter") ||
        name == QLatin1String("torch._utils._rebuild_parameter_with_state")) {
        if (Status s = args.requireCount(3, 4); !s)
            return s.error();
        return parameterFrom(args);
    }
    if (isOneOf(name, {"torch._tensor._rebuild_from_type_v2", "torch.tensor._rebuild_from_type_v2",
                       "torch._utils._rebuild_from_type"}))
        return fromType(args, depth);
    if (name == QLatin1String("torch._utils._rebuild_meta_tensor_no_storage"))
        return metaTensor(args);
    if (name.startsWith(QLatin1String("torch._utils._rebuild_"))) {
        // Sparse, nested, wrapper-subclass and device-specific tensors.
        warnOnce(QStringLiteral("%1 tensors are shown as a description, not as a tensor")
                     .arg(shortFunctionName(name)));
        Ptr object = InputValue::object(name);
        std::vector<Ptr> arguments;
        for (int i = 0; i < args.count(); ++i)
            arguments.push_back(args.at(i));
        object->setArguments(std::move(arguments));
        return object;
    }
    *handled = false;
    return Ptr();
}

Result<Ptr> TorchInterpreter::tensorFromStorage(const CallArguments& args, int shapeArg,
                                                std::optional<DType> explicitType,
                                                bool requiresGrad) {
    const StorageInfo* storage = storageOf(*args.at(0));
    if (!storage)
        return args.error(0, "storage",
                          QStringLiteral("must be a storage announced by a persistent id, got %1")
                              .arg(args.at(0)->kind() == ValueKind::Object
                                       ? args.at(0)->className()
                                       : QStringLiteral("a ") + kindName(args.at(0)->kind())));
    auto offset = args.integer(1, "storage_offset");
    if (!offset)
        return offset.error();
    auto shape = args.integers(shapeArg, "size", m_limits.maxRank);
    if (!shape)
        return shape.error();
    auto stride = args.integers(shapeArg + 1, "stride", m_limits.maxRank);
    if (!stride)
        return stride.error();

    // Typed storages carry the element type; untyped ones are bytes unless
    // the rebuild call names a dtype.
    const DType dtype =
        explicitType ? *explicitType : (storage->untyped ? DType::UInt8 : storage->dtype);
    const int elementBytes = elementSize(dtype);

    auto extent = viewExtentElements(shape.value(), stride.value(), offset.value());
    if (!extent)
        return Error(
            QStringLiteral("tensor on storage %1: %2").arg(storage->key, extent.error().message));

    TensorInfo info;
    info.dtype = dtype;
    info.storageOffset = offset.value();
    info.storageKey = storage->key;
    info.storageBytes = storage->bytes;
    info.device = storage->location;
    info.requiresGrad = requiresGrad;

    if (elementBytes > 0) {
        const qint64 count = checkedElementCount(shape.value()).value();
        qint64 capacity = storage->viewNumel >= 0 ? storage->viewNumel : storage->numel;
        if (!multiplyChecked(capacity, storage->elementBytes, &capacity))
            return Error(QStringLiteral("storage %1 is too large").arg(storage->key));
        if (storage->viewNumel >= 0) {
            // A pre-1.6 view: offsets count elements of the storage's own type.
            if (elementBytes != storage->elementBytes)
                return Error(QStringLiteral("a tensor of %1-byte elements views storage %2 of "
                                            "%3-byte elements")
                                 .arg(elementBytes)
                                 .arg(storage->key)
                                 .arg(storage->elementBytes));
            info.storageOffset += storage->viewOffset;
        }
        qint64 needed = 0;
        if (count > 0 &&
            (!multiplyChecked(extent.value(), elementBytes, &needed) || needed > capacity))
            return Error(
                QStringLiteral("the tensor's view (offset %1, shape %2, stride %3) reaches "
                               "past the end of storage %4, which holds %5 bytes")
                    .arg(offset.value())
                    .arg(tupleText(shape.value()), tupleText(stride.value()))
                    .arg(storage->key)
                    .arg(capacity));
    }
    info.shape = std::move(shape).value();
    info.stride = std::move(stride).value();
    return InputValue::tensor(std::move(info));
}

Result<Ptr> TorchInterpreter::parameterFrom(const CallArguments& args) {
    auto grad = args.boolean(1, "requires_grad");
    if (!grad)
        return grad.error();
    const InputValue& data = *args.at(0);
    if (data.kind() == ValueKind::Tensor)
        return copyAsParameter(data, grad.value());
    // A parameter around a sparse or other described tensor stays a description.
    Ptr object = InputValue::object(QStringLiteral("torch.nn.parameter.Parameter"));
    object->setArguments({args.at(0)});
    return object;
}

Result<Ptr> TorchInterpreter::fromType(const CallArguments& args, int depth) {
    if (Status s = args.requireCount(4, 4); !s)
        return s.error();
    if (args.at(0)->kind() != ValueKind::Global)
        return args.error(0, "func", QStringLiteral("must be a function"));
    if (args.at(1)->kind() != ValueKind::Global)
        return args.error(1, "type", QStringLiteral("must be a class"));
    if (args.at(2)->kind() != ValueKind::Tuple)
        return args.error(2, "args", QStringLiteral("must be a tuple"));
    // The inner call is a plain rebuild; a chain of these only serves to recurse.
    if (depth > 0)
        return Error(QStringLiteral("_rebuild_from_type_v2 rebuilds through another "
                                    "_rebuild_from_type_v2"));
    auto inner = callNamed(args.at(0)->className(), args.at(2), depth + 1);
    if (!inner || inner.value()->kind() != ValueKind::Tensor)
        return inner;
    const QString type = args.at(1)->className();
    if (type == QLatin1String("torch.nn.parameter.Parameter"))
        return copyAsParameter(*inner.value(), inner.value()->tensorInfo().requiresGrad);
    if (type != QLatin1String("torch.Tensor") && type != QLatin1String("torch.nn.parameter.Buffer"))
        warnOnce(QStringLiteral("tensor subclass %1 is shown as a plain tensor").arg(type));
    return inner;
}

Result<Ptr> TorchInterpreter::metaTensor(const CallArguments& args) {
    if (Status s = args.requireCount(4, 5); !s)
        return s.error();
    auto dtype = args.dtype(0, "dtype");
    if (!dtype)
        return dtype.error();
    auto shape = args.integers(1, "size", m_limits.maxRank);
    if (!shape)
        return shape.error();
    auto stride = args.integers(2, "stride", m_limits.maxRank);
    if (!stride)
        return stride.error();
    auto grad = args.boolean(3, "requires_grad");
    if (!grad)
        return grad.error();
    auto extent = viewExtentElements(shape.value(), stride.value(), 0);
    if (!extent)
        return Error(QStringLiteral("meta tensor: %1").arg(extent.error().message));
    warnOnce(QStringLiteral("meta tensors carry no data: only their shapes are shown"));
    TensorInfo info;
    info.dtype = dtype.value();
    info.shape = shape.value();
    info.stride = stride.value();
    info.device = QStringLiteral("meta");
    info.requiresGrad = grad.value();
    return InputValue::tensor(std::move(info));
}

} // namespace ds::pt
