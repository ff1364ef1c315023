#pragma once

#include "FigureFileChooser.h"
#include "Result.h"
#include "figures/LegendFigure.h"
#include "figures/ShapeMap.h"

#include <QTimer>
#include <QWidget>

class QAction;
class QLabel;
class QMenu;
class QScrollArea;
class QSpinBox;
class QTabWidget;
class QToolBar;

namespace ds::ui::figures {

class LegendEditor;
class LegendPlot;
class LegendPreview;
class ShapeMapPlot;

// The figures of the open document, for a dock: two tabs, the shape map
// (scrolling, one page of 200 tensors at a time, laid out for the dock) and
// the legend figure beside the fields that edit it. A tool bar beside the tabs (and each plot's
// context menu) saves either figure as PNG, SVG or PDF; a line under the tabs says where it went or
// why it did not. The panel only reads the document; whoever edits the spec calls refresh()
// afterwards.
class FigurePanel : public QWidget {
    Q_OBJECT
public:
    explicit FigurePanel(QWidget* parent = nullptr);

    // Not owned; each must stay valid until the next setDocument(). `comparison`
    // is null without a reference; a null tree or spec empties the panel.
    void setDocument(const spec::ExportTree* tree, const spec::ShapeSpec* spec,
                     const analysis::SpecComparison* comparison = nullptr);
    // Shown from the next setDocument() or refresh().
    void setTitle(const QString& title);
    void setLegendFigure(const ds::figures::LegendFigure& figure);
    const ds::figures::LegendFigure& legendFigure() const;

    // Where the save dialogs start and what they propose: `stem`_shape_map.png
    // and `stem`_legend.png in `folder`; an empty folder means the last one a
    // figure went to (at first the one DimStudio started in), an empty stem "figure".
    void setSaveLocation(const QString& stem, const QString& folder);
    // Replaces the save dialog (tests answer in its place).
    void setFileChooser(FigureFileChooser chooser);
    // The file the save dialog proposes for each figure.
    QString proposedShapeMapPath() const;
    QString proposedLegendPath() const;

    // By the file's extension (.png, .svg, .pdf): the legend as shown, the
    // shape map as the whole figure (title and every state in its legend, the
    // summary on one line) that the dock shows compact.
    Status saveShapeMap(const QString& path);
    Status saveLegend(const QString& path);
    // Asks for a file, saves, and says how it went in the message line.
    void chooseAndSaveShapeMap();
    void chooseAndSaveLegend();

    const ShapeMapPlot* shapeMapPlot() const { return m_shapeMap; }
    const LegendPlot* legendPlot() const { return m_legend; }
    ShapeMapPlot* shapeMapPlot() { return m_shapeMap; }
    LegendPlot* legendPlot() { return m_legend; }
    LegendEditor* legendEditor() const { return m_editor; }
    LegendPreview* legendPreview() const { return m_legendPreview; }
    QScrollArea* shapeMapScrollArea() const { return m_mapScroll; }
    QTabWidget* tabs() const { return m_tabs; }
    QToolBar* toolBar() const { return m_toolBar; }
    QAction* saveShapeMapAction() const { return m_saveMap; }
    QAction* saveLegendAction() const { return m_saveLegend; }
    // The confirmation or the error of the last save; hidden before any.
    QLabel* messageLine() const { return m_saveMessage; }
    int pageCount() const;

    static constexpr int kMessageMs = 8000;

public slots:
    // Redraws from the document: after a dimension is toggled, a name changed,
    // or the comparison redone.
    void refresh();

signals:
    // The user changed the legend (text, colour or size).
    void legendFigureChanged(const ds::figures::LegendFigure& figure);
    void figureSaved(const QString& path);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* createMapPage();
    int mapRoom() const;
    void fitMapToRoom();
    QWidget* createLegendPage();
    void createToolBar();
    void showContextMenu(QWidget* widget, QPoint pos, bool legendFirst);
    void showMessage(const QString& text);
    void chooseAndSave(const QString& caption, const QString& proposed, bool legend);
    void reportSave(const Status& status, const QString& path, const QString& what);
    QString proposedPath(const QString& suffix) const;

    const spec::ExportTree* m_tree = nullptr;
    const spec::ShapeSpec* m_spec = nullptr;
    const analysis::SpecComparison* m_comparison = nullptr;
    QString m_title = QStringLiteral("Shape map");
    QString m_stem;
    QString m_folder;     // the inputs' folder, empty without an inputs file
    QString m_lastFolder; // where the last figure went
    FigureFileChooser m_chooser;

    QTabWidget* m_tabs = nullptr;
    QToolBar* m_toolBar = nullptr;
    QAction* m_saveMap = nullptr;
    QAction* m_saveLegend = nullptr;
    QAction* m_pagerAction = nullptr;
    ShapeMapPlot* m_shapeMap = nullptr;
    LegendPlot* m_legend = nullptr;
    LegendEditor* m_editor = nullptr;
    LegendPreview* m_legendPreview = nullptr;
    QScrollArea* m_mapScroll = nullptr;
    QLabel* m_message = nullptr;
    QLabel* m_saveMessage = nullptr;
    QSpinBox* m_page = nullptr;
    QTimer m_messageTimer;
    QTimer m_fitTimer; // the map is laid out again once the dock stops resizing
    int m_fittedRoom = 0;
};

} // namespace ds::ui::figures
