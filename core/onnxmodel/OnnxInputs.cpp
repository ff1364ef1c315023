// The ONNX module: a model's graph inputs, parsed with ONNX's own protobuf
// classes (Debian's libonnx-dev), returned as JSON through the C interface.
#include "OnnxModelApi.h"

#include <onnx/onnx_pb.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <set>
#include <string>

namespace {

std::string jsonString(const std::string& s) {
    std::string out = "\"";
    for (const unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
            out += escaped;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + '"';
}

char* give(const std::string& text) {
    char* out = static_cast<char*>(std::malloc(text.size() + 1));
    if (out)
        std::memcpy(out, text.c_str(), text.size() + 1);
    return out;
}

char* error(const std::string& message) {
    return give("{\"error\": " + jsonString(message) + "}");
}

std::string inputsJson(const onnx::ModelProto& model) {
    const onnx::GraphProto& graph = model.graph();
    // Older exporters list the weights among the inputs too.
    std::set<std::string> initializers;
    for (const onnx::TensorProto& t : graph.initializer())
        initializers.insert(t.name());
    std::string json =
        "{\"producer\": " + jsonString(model.producer_name() + " " + model.producer_version()) +
        ", \"inputs\": [";
    bool first = true;
    for (const onnx::ValueInfoProto& value : graph.input()) {
        if (initializers.count(value.name()))
            continue;
        json += first ? "" : ", ";
        first = false;
        const bool tensor = value.type().has_tensor_type();
        json += "{\"name\": " + jsonString(value.name()) +
                ", \"tensor\": " + (tensor ? "true" : "false") + ", \"dims\": [";
        if (tensor) {
            const onnx::TensorShapeProto& shape = value.type().tensor_type().shape();
            for (int d = 0; d < shape.dim_size(); ++d) {
                const auto& dim = shape.dim(d);
                json += d ? ", " : "";
                if (dim.has_dim_value())
                    json += std::to_string(dim.dim_value());
                else if (dim.has_dim_param())
                    json += jsonString(dim.dim_param());
                else
                    json += "null";
            }
        }
        json += "]}";
    }
    return json + "]}";
}

} // namespace

extern "C" int32_t ds_onnxmodel_abi_version(void) {
    return DS_ONNXMODEL_ABI_VERSION;
}

extern "C" char* ds_onnxmodel_inputs(const char* path) {
    try {
        std::ifstream file(path, std::ios::binary | std::ios::ate);
        if (!file)
            return error("cannot open the file");
        const std::streamoff size = file.tellg();
        // protobuf refuses messages of 2 GiB and more; larger models keep
        // their weights as external data, which is never read here.
        if (size >= std::numeric_limits<int>::max())
            return error(std::to_string(size) + " bytes: an ONNX model is under 2 GiB (larger "
                                                "ones keep their weights as external data)");
        file.seekg(0);
        std::string bytes(static_cast<size_t>(size), '\0');
        if (!file.read(bytes.data(), size))
            return error("cannot read the file");
        onnx::ModelProto model;
        if (!model.ParseFromString(bytes))
            return error("not an ONNX model: its protobuf does not parse as a ModelProto "
                         "(truncated or damaged?)");
        if (!model.has_graph())
            return error("the ONNX model has no graph");
        return give(inputsJson(model));
    } catch (const std::exception& e) {
        return error(std::string("reading failed: ") + e.what());
    }
}

extern "C" void ds_onnxmodel_free(char* text) {
    std::free(text);
}
