// The only code of DimStudio that includes LibTorch. It must never include a
// Qt header: Qt's `slots` macro breaks LibTorch's headers.
#include "TensorDataApi.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <exception>
#include <optional>
#include <vector>

namespace {

std::optional<c10::ScalarType> scalarTypeOf(int32_t onnx) {
    switch (onnx) {
    case 1:
        return c10::ScalarType::Float;
    case 2:
        return c10::ScalarType::Byte;
    case 3:
        return c10::ScalarType::Char;
    case 5:
        return c10::ScalarType::Short;
    case 6:
        return c10::ScalarType::Int;
    case 7:
        return c10::ScalarType::Long;
    case 9:
        return c10::ScalarType::Bool;
    case 10:
        return c10::ScalarType::Half;
    case 11:
        return c10::ScalarType::Double;
    case 14:
        return c10::ScalarType::ComplexFloat;
    case 15:
        return c10::ScalarType::ComplexDouble;
    case 16:
        return c10::ScalarType::BFloat16;
    default:
        return std::nullopt; // uint16/32/64, float8, 4-bit: not in this LibTorch
    }
}

void setError(ds_tensor_stats* out, const char* message) {
    std::snprintf(out->error, sizeof out->error, "%s", message);
}

// The core checked the view already; a module must not trust its caller with
// memory, so the bounds are checked again here.
bool viewFits(const ds_tensor_view& v, int64_t elementBytes, ds_tensor_stats* out) {
    if (v.rank < 0 || v.rank > 64 || (v.rank > 0 && (!v.shape || !v.stride)) || v.data_bytes < 0 ||
        v.storage_offset < 0) {
        setError(out, "invalid tensor view");
        return false;
    }
    int64_t last = v.storage_offset;
    bool empty = false;
    for (int32_t i = 0; i < v.rank; ++i) {
        if (v.shape[i] < 0 || v.stride[i] < 0) {
            setError(out, "negative size or stride");
            return false;
        }
        if (v.shape[i] == 0)
            empty = true;
        int64_t step = 0;
        if (v.shape[i] > 0 && (__builtin_mul_overflow(v.shape[i] - 1, v.stride[i], &step) ||
                               __builtin_add_overflow(last, step, &last))) {
            setError(out, "the view overflows 64-bit offsets");
            return false;
        }
    }
    if (empty)
        return true;
    int64_t bytes = 0;
    if (__builtin_mul_overflow(last + 1, elementBytes, &bytes) || bytes > v.data_bytes || !v.data) {
        setError(out, "the view reaches past the bytes provided");
        return false;
    }
    return true;
}

// The first values in the view's own order, gathered from the storage by
// offset: reshaping a broadcast view (stride 0, 2**40 elements) would copy it.
void fillPreview(const at::Tensor& storage, const ds_tensor_view& v, int64_t numel,
                 ds_tensor_stats* out) {
    const int64_t n = std::min<int64_t>(numel, DS_TENSORDATA_PREVIEW_MAX);
    std::vector<int64_t> offsets(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
        int64_t rest = i, offset = v.storage_offset;
        for (int d = v.rank - 1; d >= 0; --d) {
            offset += (rest % v.shape[d]) * v.stride[d];
            rest /= v.shape[d];
        }
        offsets[static_cast<size_t>(i)] = offset;
    }
    const at::Tensor index =
        at::from_blob(offsets.data(), {n}, at::TensorOptions().dtype(at::kLong));
    const at::Tensor first = storage.index_select(0, index);
    out->preview_count = static_cast<int32_t>(n);
    if (out->value_kind == DS_VALUE_COMPLEX) {
        const at::Tensor c = first.to(c10::ScalarType::ComplexDouble).contiguous();
        const at::Tensor re = at::real(c).contiguous(), im = at::imag(c).contiguous();
        for (int64_t i = 0; i < n; ++i) {
            out->preview_real[i] = re[i].item<double>();
            out->preview_imag[i] = im[i].item<double>();
        }
    } else if (out->value_kind == DS_VALUE_FLOAT) {
        const at::Tensor d = first.to(c10::ScalarType::Double).contiguous();
        for (int64_t i = 0; i < n; ++i)
            out->preview_real[i] = d[i].item<double>();
    } else {
        const at::Tensor l = first.to(c10::ScalarType::Long).contiguous();
        for (int64_t i = 0; i < n; ++i)
            out->preview_int[i] = l[i].item<int64_t>();
    }
}

// `t` holds every distinct value of the view once per place that differs
// (its stride-0 dimensions collapsed to size 1): min, max and mean are those
// of the whole view, NaNs are counted `repeat` times. `numel`: the view's.
void computeStats(const at::Tensor& t, int64_t numel, int64_t repeat, ds_tensor_stats* out) {
    out->numel = numel;
    const c10::ScalarType type = t.scalar_type();
    if (type == c10::ScalarType::Bool)
        out->value_kind = DS_VALUE_BOOL;
    else if (c10::isComplexType(type))
        out->value_kind = DS_VALUE_COMPLEX;
    else if (c10::isFloatingType(type))
        out->value_kind = DS_VALUE_FLOAT;
    else
        out->value_kind = DS_VALUE_INT;
    if (out->numel == 0)
        return;
    // Exactly the reductions onnx-diagnostic asks torch for, so that the
    // printed digits agree with Python's.
    if (out->value_kind == DS_VALUE_COMPLEX) {
        const at::Tensor a = t.abs();
        out->nan_count = t.isnan().sum().item<int64_t>() * repeat;
        out->min_value = a.min().item<double>();
        out->max_value = a.max().item<double>();
        out->mean = a.mean().item<double>();
        return;
    }
    out->mean = t.to(c10::ScalarType::Double).mean().item<double>();
    if (out->value_kind == DS_VALUE_FLOAT) {
        out->nan_count = t.isnan().sum().item<int64_t>() * repeat;
        out->min_value = t.min().item<double>();
        out->max_value = t.max().item<double>();
    } else {
        out->min_int = t.min().item<int64_t>();
        out->max_int = t.max().item<int64_t>();
    }
}

} // namespace

extern "C" int32_t ds_tensordata_abi_version(void) {
    return DS_TENSORDATA_ABI_VERSION;
}

extern "C" int32_t ds_tensordata_stats(const ds_tensor_view* view, ds_tensor_stats* out) {
    if (!out)
        return 1;
    std::memset(out, 0, sizeof *out);
    if (!view) {
        setError(out, "no tensor view");
        return 1;
    }
    const auto type = scalarTypeOf(view->onnx_type);
    if (!type) {
        std::snprintf(out->error, sizeof out->error,
                      "element type %d is not supported by this LibTorch", int(view->onnx_type));
        return 1;
    }
    const int64_t elementBytes = static_cast<int64_t>(c10::elementSize(*type));
    if (!viewFits(*view, elementBytes, out))
        return 1;
    try {
        const std::vector<int64_t> shape(view->shape, view->shape + view->rank);
        const std::vector<int64_t> stride(view->stride, view->stride + view->rank);
        // from_blob neither copies nor frees: the bytes stay the caller's.
        const int64_t available = view->data_bytes / elementBytes;
        const at::Tensor storage = at::from_blob(const_cast<void*>(view->data), {available},
                                                 at::TensorOptions().dtype(*type));
        // A dimension of stride 0 repeats the same values: summarising one of
        // them gives the same min, max and mean, with work bounded by the
        // bytes stored rather than by the view's size (2**40 from 8 bytes).
        std::vector<int64_t> distinct = shape;
        int64_t numel = 1, repeat = 1, distinctNumel = 1;
        for (size_t d = 0; d < shape.size(); ++d) {
            numel *= shape[d]; // the reader checked the product fits
            if (stride[d] == 0 && shape[d] > 1) {
                repeat *= shape[d];
                distinct[d] = 1;
            }
            distinctNumel *= distinct[d];
        }
        // Strides that overlap otherwise (stride 1 over (n, n)) read each
        // stored value many times: refused past a bound on the work per byte.
        if (distinctNumel > 16 * available + 4096) {
            std::snprintf(out->error, sizeof out->error,
                          "overlapping strides make %lld values out of %lld stored "
                          "elements: not summarised",
                          static_cast<long long>(distinctNumel), static_cast<long long>(available));
            return 1;
        }
        const at::Tensor t = storage.as_strided(distinct, stride, view->storage_offset);
        computeStats(t, numel, repeat, out);
        if (numel > 0)
            fillPreview(storage, *view, numel, out);
        return 0;
    } catch (const std::exception& e) {
        setError(out, e.what());
    } catch (...) {
        setError(out, "unknown LibTorch error");
    }
    return 1;
}
