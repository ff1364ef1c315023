# What export produced for each input (a live run, and later saved exported
# programs and ONNX models), and its comparison with the spec that was asked.
list(APPEND DIMSTUDIO_CORE_SOURCES
    exported/ExportDiff.cpp
    exported/ExportedArtifact.cpp
    exported/ExportedProgramReader.cpp
    exported/OnnxModelReader.cpp
)
# ONNX models are read with ONNX's own protobuf classes (Debian's libonnx-dev).
find_package(ONNX REQUIRED CONFIG)
find_package(Protobuf REQUIRED)
list(APPEND DIMSTUDIO_CORE_EXTRA_LIBS onnx_proto)
