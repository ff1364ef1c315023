# The app's document: the session plus undo, selection and signals
# (Qt Core/Gui only; QUndoStack is in QtGui).
list(APPEND DIMSTUDIO_CORE_SOURCES
    document/BackgroundAnalysis.cpp
    document/ComparisonStatuses.cpp
    document/DimEdits.cpp
    document/DimNameIndex.cpp
    document/DocumentContext.cpp
    document/PreparedInputs.cpp
    document/RecentFiles.cpp
    document/SetDimsCommand.cpp
)
