# Inputs files: one InputFormat per kind of file and the dispatcher that
# sniffs a file once and lets its format read it (formats/InputFormats.h).
list(APPEND DIMSTUDIO_CORE_SOURCES
    formats/BuiltinFormats.cpp
    formats/FileHead.cpp
    formats/InputFormats.cpp
    formats/TextFormats.cpp
    formats/TorchFormats.cpp
)
