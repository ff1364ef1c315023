# What the command line and the app share: inputs, spec, reference and
# the results of reading, comparing and checking them.
list(APPEND DIMSTUDIO_CORE_SOURCES
    session/Session.cpp
    session/SessionAnalysis.cpp
    session/SpecReading.cpp
)
