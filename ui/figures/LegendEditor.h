#pragma once

#include "figures/LegendFigure.h"

#include <QColorDialog>
#include <QPointer>
#include <QWidget>

class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace ds::ui::figures {

// The fields of the legend figure (onnx-diagnostic's plot_legend arguments):
// the text in the coloured box, the bottom text, the box colour and the figure
// size. Every edit emits figureChanged() at once, so the legend redraws as the
// user types; while the colour dialog is open its current colour is previewed
// and Cancel puts the old one back.
class LegendEditor : public QWidget {
    Q_OBJECT
public:
    explicit LegendEditor(QWidget* parent = nullptr);

    // Shows `figure` without emitting figureChanged().
    void setFigure(const ds::figures::LegendFigure& figure);
    const ds::figures::LegendFigure& figure() const { return m_figure; }

    QPlainTextEdit* textEdit() const { return m_text; }
    QLineEdit* bottomTextEdit() const { return m_bottom; }
    QPushButton* colorButton() const { return m_color; }
    QSpinBox* sizeBox() const { return m_size; }
    // The open colour dialog, null when none is open.
    QColorDialog* colorDialog() const { return m_colorDialog; }

signals:
    void figureChanged(const ds::figures::LegendFigure& figure);

private:
    void chooseColor();
    void setColor(const QColor& color);
    void showColor();
    void edited();

    ds::figures::LegendFigure m_figure;
    QPlainTextEdit* m_text;
    QLineEdit* m_bottom;
    QPushButton* m_color;
    QSpinBox* m_size;
    QPointer<QColorDialog> m_colorDialog;
};

} // namespace ds::ui::figures
