# Figure data: what the legend figure and the shape map show (no widgets here;
# QCustomPlot rendering lives in ui/figures).
list(APPEND DIMSTUDIO_CORE_SOURCES
    figures/FigureColors.cpp
    figures/LegendFigure.cpp
    figures/CellState.cpp
    figures/ShapeMap.cpp
)
