list(APPEND DIMSTUDIO_CORE_SOURCES
    spec/CacheModel.cpp
    spec/DimSpec.cpp
    spec/ExportTree.cpp
    spec/ShapeSpec.cpp
    spec/SpecAligner.cpp
    spec/SpecJson.cpp
    spec/SpecToPython.cpp
    spec/SpecWriters.cpp
)
