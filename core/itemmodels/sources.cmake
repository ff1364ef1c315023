# The Qt item models over the document (tree, checks, comparison) and the
# texts and roles they show.
list(APPEND DIMSTUDIO_CORE_SOURCES
    itemmodels/AlignedText.cpp
    itemmodels/ChecksListModel.cpp
    itemmodels/ComparisonListModel.cpp
    itemmodels/DimStatusStyle.cpp
    itemmodels/ExportListModel.cpp
    itemmodels/ExportOutcomeText.cpp
    itemmodels/FilterQuery.cpp
    itemmodels/InputFilterProxyModel.cpp
    itemmodels/InputTreeModel.cpp
    itemmodels/NodeText.cpp
    itemmodels/RowIndex.cpp
)
