# What export produced for each input (a live run, and later saved exported
# programs and ONNX models), and its comparison with the spec that was asked.
list(APPEND DIMSTUDIO_CORE_SOURCES
    exported/ExportDiff.cpp
    exported/ExportedArtifact.cpp
    exported/ExportedProgramReader.cpp
    exported/OnnxModelReader.cpp
)
# ONNX models are read by the on-demand module core/onnxmodel (ONNX's own
# protobuf classes); where the build tree puts it, for runs from the build tree.
set_source_files_properties(exported/OnnxModelReader.cpp PROPERTIES COMPILE_DEFINITIONS
    "DIMSTUDIO_ONNXMODEL_BUILD_DIR=\"${CMAKE_CURRENT_BINARY_DIR}/onnxmodel\"")
