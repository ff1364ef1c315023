# QCustomPlot rendering of the figures (legend figure, shape map), their PNG/SVG/PDF
# export and the figure panel. QCustomPlot needs Qt's signals/slots keywords and
# must never share a file with LibTorch: nothing here includes it.
find_package(QCustomPlotQt6 REQUIRED)
set(DIMSTUDIO_FIGURES_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/FigureFonts.cpp
    ${CMAKE_CURRENT_LIST_DIR}/MatplotlibTextLayout.cpp
    ${CMAKE_CURRENT_LIST_DIR}/LegendPlot.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ShapeMapPlot.cpp
    ${CMAKE_CURRENT_LIST_DIR}/FigureExport.cpp
    ${CMAKE_CURRENT_LIST_DIR}/OffscreenPlatform.cpp
    ${CMAKE_CURRENT_LIST_DIR}/FigureFileChooser.cpp
    ${CMAKE_CURRENT_LIST_DIR}/FigureScrollArea.cpp
    ${CMAKE_CURRENT_LIST_DIR}/LegendEditor.cpp
    ${CMAKE_CURRENT_LIST_DIR}/LegendPreview.cpp
    ${CMAKE_CURRENT_LIST_DIR}/FigurePanel.cpp
)
set(DIMSTUDIO_FIGURES_LIBS dimstudio_core Qt6::Widgets Qt6::Svg Qt6::PrintSupport
    QCustomPlotQt6::QCustomPlotQt6)
