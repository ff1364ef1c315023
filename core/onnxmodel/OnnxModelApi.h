/* The C interface between DimStudio's core and the ONNX module
 * (libdimstudio_onnxmodel.so), which links ONNX's protobuf classes. Loaded on
 * demand (QLibrary) the first time an ONNX model is read, so that DimStudio
 * starts and opens every other file without loading protobuf and registering
 * ONNX's descriptors. Plain C: the module includes no Qt header. */
#ifndef DIMSTUDIO_ONNXMODEL_API_H
#define DIMSTUDIO_ONNXMODEL_API_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever the JSON below changes. */
#define DS_ONNXMODEL_ABI_VERSION 1

#if defined(__GNUC__)
#define DS_ONNXMODEL_EXPORT __attribute__((visibility("default")))
#else
#define DS_ONNXMODEL_EXPORT
#endif

DS_ONNXMODEL_EXPORT int32_t ds_onnxmodel_abi_version(void);
/* The graph inputs of the model at `path` (UTF-8) that are not initializers,
 * as JSON (UTF-8, allocated by the module, freed with ds_onnxmodel_free):
 *   {"producer": "name version",
 *    "inputs": [{"name": "...", "tensor": true, "dims": [2, "batch", null]}]}
 * a dim being its dim_value, its dim_param, or null when it has neither; or
 *   {"error": "what went wrong"}.
 * External data is never opened. Never throws. */
DS_ONNXMODEL_EXPORT char* ds_onnxmodel_inputs(const char* path);
DS_ONNXMODEL_EXPORT void ds_onnxmodel_free(char* text);

typedef int32_t (*ds_onnxmodel_abi_version_fn)(void);
typedef char* (*ds_onnxmodel_inputs_fn)(const char*);
typedef void (*ds_onnxmodel_free_fn)(char*);

#ifdef __cplusplus
}
#endif

#endif
