list(APPEND DIMSTUDIO_CORE_SOURCES
    spec/BoundText.cpp
    spec/DimSpec.cpp
    spec/LayoutRemap.cpp
    spec/PythonRegistration.cpp
    spec/ExportTree.cpp
    spec/ShapeSpec.cpp
    spec/SpecAligner.cpp
    spec/SpecJson.cpp
    spec/SpecToPython.cpp
    spec/SpecWriters.cpp
)
