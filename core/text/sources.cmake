list(APPEND DIMSTUDIO_CORE_SOURCES
    text/InputsJson.cpp
    text/PrettyPrinter.cpp
    text/PyValue.cpp
    text/PythonLexer.cpp
    text/PythonLiteralParser.cpp
    text/PythonRepr.cpp
    text/TypeStringParser.cpp
    text/TypeStringWriter.cpp
)
