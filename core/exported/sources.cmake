# What export produced for each input (a live run, and later saved exported
# programs and ONNX models), and its comparison with the spec that was asked.
list(APPEND DIMSTUDIO_CORE_SOURCES
    exported/ExportDiff.cpp
    exported/ExportedProgramReader.cpp
)
