#include "RecognisedNames.h"

#include "DType.h"

#include <QSet>

namespace ds::pt {

namespace {

bool isTorchName(const QString& name) {
    static const QSet<QString> exact{
        QStringLiteral("torch.Size"),
        QStringLiteral("torch.Tensor"),
        QStringLiteral("torch._tensor.Tensor"),
        QStringLiteral("torch.device"),
        QStringLiteral("torch.dtype"),
        QStringLiteral("torch.layout"),
        QStringLiteral("torch.memory_format"),
        QStringLiteral("torch.qscheme"),
        QStringLiteral("torch._tensor._rebuild_from_type_v2"),
        QStringLiteral("torch.tensor._rebuild_from_type_v2"),
        QStringLiteral("torch.serialization._get_layout"),
        QStringLiteral("torch.nn.parameter.Parameter"),
        QStringLiteral("torch.nn.parameter.Buffer"),
        QStringLiteral("torch.nn.parameter.UninitializedParameter"),
        QStringLiteral("torch.nn.parameter.UninitializedBuffer"),
        // layouts, memory formats and quantisation schemes: values, not code
        QStringLiteral("torch.strided"),
        QStringLiteral("torch.sparse_coo"),
        QStringLiteral("torch.sparse_csr"),
        QStringLiteral("torch.sparse_csc"),
        QStringLiteral("torch.sparse_bsr"),
        QStringLiteral("torch.sparse_bsc"),
        QStringLiteral("torch._mkldnn"),
        QStringLiteral("torch.jagged"),
        QStringLiteral("torch.contiguous_format"),
        QStringLiteral("torch.channels_last"),
        QStringLiteral("torch.channels_last_3d"),
        QStringLiteral("torch.preserve_format"),
        QStringLiteral("torch.per_tensor_affine"),
        QStringLiteral("torch.per_channel_affine"),
        QStringLiteral("torch.per_tensor_symmetric"),
        QStringLiteral("torch.per_channel_symmetric"),
        QStringLiteral("torch.per_channel_affine_float_qparams"),
    };
    if (exact.contains(name))
        return true;
    const QStringView rest = QStringView(name).mid(6); // after "torch."
    // torch.FloatStorage, torch.storage.UntypedStorage, torch.cuda.HalfStorage
    if (name.endsWith(QLatin1String("Storage")) && !rest.contains(QLatin1String("..")) &&
        (!rest.contains(QLatin1Char('.')) || rest.startsWith(QLatin1String("storage.")) ||
         rest.startsWith(QLatin1String("cuda."))))
        return true;
    if (name.startsWith(QLatin1String("torch._utils._rebuild_")) ||
        name.startsWith(QLatin1String("torch.return_types.")))
        return true;
    // torch.float32, torch.bfloat16, ...
    return !rest.contains(QLatin1Char('.')) &&
           dtypeFromTorchName(rest.toString()) != DType::Unknown;
}

} // namespace

bool isRecognisedClass(const QString& name) {
    static const QSet<QString> builtins{
        QStringLiteral("builtins.set"),
        QStringLiteral("builtins.frozenset"),
        QStringLiteral("builtins.list"),
        QStringLiteral("builtins.tuple"),
        QStringLiteral("builtins.dict"),
        QStringLiteral("builtins.bytes"),
        QStringLiteral("builtins.bytearray"),
        QStringLiteral("builtins.complex"),
        QStringLiteral("builtins.slice"),
        QStringLiteral("builtins.range"),
        QStringLiteral("builtins.object"),
        QStringLiteral("builtins.int"),
        QStringLiteral("builtins.float"),
        QStringLiteral("builtins.str"),
        QStringLiteral("builtins.bool"),
        QStringLiteral("collections.OrderedDict"),
        QStringLiteral("collections.defaultdict"),
        QStringLiteral("_codecs.encode"),
        QStringLiteral("copyreg._reconstructor"),
    };
    if (builtins.contains(name))
        return true;
    if (name.startsWith(QLatin1String("torch.")))
        return isTorchName(name);
    // transformers' caches and layers, and the ModelOutput dataclasses models
    // take as inputs (a BaseModelOutput as Whisper's encoder_outputs).
    return name.startsWith(QLatin1String("transformers.cache_utils.")) ||
           (name.startsWith(QLatin1String("transformers.")) &&
            name.endsWith(QLatin1String("Output")));
}

} // namespace ds::pt
