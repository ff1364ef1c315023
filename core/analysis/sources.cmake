list(APPEND DIMSTUDIO_CORE_SOURCES
    analysis/ComparisonReport.cpp
    analysis/DimGroups.cpp
    analysis/DimSpecText.cpp
    analysis/DynamicAxes.cpp
    analysis/InputSetMerge.cpp
    analysis/JsonText.cpp
    analysis/ReferenceSpec.cpp
    analysis/SemanticNames.cpp
    analysis/SpecCheck.cpp
    analysis/SpecCheckRules.cpp
    analysis/SpecComparison.cpp
    analysis/SpecGuess.cpp
    analysis/UnpassedTensorsRule.cpp
)
