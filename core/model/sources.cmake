# The document and its item models: Qt Core/Gui only (QUndoStack is in QtGui).
list(APPEND DIMSTUDIO_CORE_SOURCES
    model/AlignedText.cpp
    model/BackgroundAnalysis.cpp
    model/ChecksListModel.cpp
    model/ComparisonListModel.cpp
    model/DimEdits.cpp
    model/DimNameIndex.cpp
    model/DimStatusStyle.cpp
    model/DocumentContext.cpp
    model/FilterQuery.cpp
    model/InputFilterProxyModel.cpp
    model/InputTreeModel.cpp
    model/LayoutRemap.cpp
    model/NodeText.cpp
    model/PreparedInputs.cpp
    model/RecentFiles.cpp
    model/ReferenceAlignment.cpp
    model/ReferenceComparison.cpp
    model/RowIndex.cpp
    model/SetDimsCommand.cpp
)
