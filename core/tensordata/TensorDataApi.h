/* The C interface between DimStudio's core and the LibTorch tensor-data module
 * (libdimstudio_tensordata.so). Plain C so that neither side sees the other's
 * headers: the core never includes LibTorch, the module never includes Qt. The
 * core loads the module on demand (QLibrary) and resolves the two functions
 * below by name. */
#ifndef DIMSTUDIO_TENSORDATA_API_H
#define DIMSTUDIO_TENSORDATA_API_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever a struct below changes layout. */
#define DS_TENSORDATA_ABI_VERSION 1
#define DS_TENSORDATA_PREVIEW_MAX 16

enum ds_value_kind {
    DS_VALUE_FLOAT = 0,   /* min/max/mean in *_value */
    DS_VALUE_INT = 1,     /* min/max in *_int, mean in mean */
    DS_VALUE_BOOL = 2,    /* min/max in *_int (0 or 1), mean in mean */
    DS_VALUE_COMPLEX = 3, /* min/max/mean of the absolute values in *_value */
};

/* A strided view over bytes the caller read from the file. */
typedef struct ds_tensor_view {
    const void* data;   /* little-endian elements */
    int64_t data_bytes; /* bytes available at data */
    int32_t onnx_type;  /* ONNX TensorProto element type */
    int32_t rank;
    const int64_t* shape;   /* rank entries */
    const int64_t* stride;  /* rank entries, in elements */
    int64_t storage_offset; /* in elements, from data */
} ds_tensor_view;

/* What onnx-diagnostic's string_type(with_min_max=True) prints, computed the
 * way torch computes it: min(), max(), to(float64).mean() (abs() for complex). */
typedef struct ds_tensor_stats {
    int32_t value_kind; /* enum ds_value_kind */
    int64_t numel;
    int64_t nan_count;
    double min_value;
    double max_value;
    double mean;
    int64_t min_int;
    int64_t max_int;
    int32_t preview_count; /* first elements in row-major order */
    double preview_real[DS_TENSORDATA_PREVIEW_MAX];
    double preview_imag[DS_TENSORDATA_PREVIEW_MAX];
    int64_t preview_int[DS_TENSORDATA_PREVIEW_MAX];
    char error[256]; /* set when the call returns non-zero */
} ds_tensor_stats;

#if defined(__GNUC__)
#define DS_TENSORDATA_EXPORT __attribute__((visibility("default")))
#else
#define DS_TENSORDATA_EXPORT
#endif

DS_TENSORDATA_EXPORT int32_t ds_tensordata_abi_version(void);
/* 0 on success. Validates the view against data_bytes again and never throws. */
DS_TENSORDATA_EXPORT int32_t ds_tensordata_stats(const ds_tensor_view* view, ds_tensor_stats* out);

typedef int32_t (*ds_tensordata_abi_version_fn)(void);
typedef int32_t (*ds_tensordata_stats_fn)(const ds_tensor_view*, ds_tensor_stats*);

#ifdef __cplusplus
}
#endif

#endif
