#include "LegendEditor.h"

#include <QColorDialog>
#include <QFormLayout>
#include <QLineEdit>
#include <QPainter>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>

namespace ds::ui::figures {

namespace {

// The bounds of `dimstudio plot legend --size`.
constexpr int kMinSizePx = 50;
constexpr int kMaxSizePx = 4000;
constexpr int kTextLines = 3;

QIcon swatch(const QColor& color, int side) {
    QPixmap pixmap(side, side);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setPen(QColor(0, 0, 0, 96));
    painter.setBrush(color);
    painter.drawRect(0, 0, side - 1, side - 1);
    return QIcon(pixmap);
}

} // namespace

LegendEditor::LegendEditor(QWidget* parent) : QWidget(parent) {
    m_text = new QPlainTextEdit(this);
    m_text->setTabChangesFocus(true); // a legend text has no use for tab characters
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFixedHeight(m_text->fontMetrics().lineSpacing() * kTextLines +
                           2 * (m_text->frameWidth() + int(m_text->document()->documentMargin())));
    m_text->setToolTip(tr("The text in the coloured box; Enter starts a new line"));
    m_text->setAccessibleName(tr("Legend text"));
    m_bottom = new QLineEdit(this);
    m_bottom->setToolTip(tr("The small text at the bottom right of the legend"));
    m_bottom->setAccessibleName(tr("Legend bottom text"));
    m_bottom->setClearButtonEnabled(true);
    m_color = new QPushButton(this);
    m_color->setToolTip(tr("The colour of the box (drawn at half opacity)"));
    m_color->setAccessibleName(tr("Legend colour"));
    m_size = new QSpinBox(this);
    m_size->setRange(kMinSizePx, kMaxSizePx);
    m_size->setSingleStep(10);
    m_size->setSuffix(tr(" px"));
    m_size->setToolTip(tr("The legend is a square of this many pixels, 2 inches wide"));
    m_size->setAccessibleName(tr("Legend size"));

    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Text:"), m_text);
    form->addRow(tr("&Bottom text:"), m_bottom);
    form->addRow(tr("Colo&ur:"), m_color);
    form->addRow(tr("Si&ze:"), m_size);

    setFigure(m_figure);
    connect(m_text, &QPlainTextEdit::textChanged, this, &LegendEditor::edited);
    connect(m_bottom, &QLineEdit::textChanged, this, &LegendEditor::edited);
    connect(m_size, &QSpinBox::valueChanged, this, &LegendEditor::edited);
    connect(m_color, &QPushButton::clicked, this, &LegendEditor::chooseColor);
}

void LegendEditor::setFigure(const ds::figures::LegendFigure& figure) {
    m_figure = figure;
    const QSignalBlocker quietText(m_text);
    const QSignalBlocker quietBottom(m_bottom);
    const QSignalBlocker quietSize(m_size);
    if (m_text->toPlainText() != figure.text)
        m_text->setPlainText(figure.text);
    if (m_bottom->text() != figure.bottomText)
        m_bottom->setText(figure.bottomText);
    m_size->setValue(figure.sizePx);
    showColor();
}

void LegendEditor::edited() {
    m_figure.text = m_text->toPlainText();
    m_figure.bottomText = m_bottom->text();
    m_figure.sizePx = m_size->value();
    emit figureChanged(m_figure);
}

void LegendEditor::setColor(const QColor& color) {
    if (!color.isValid() || color == m_figure.color)
        return;
    m_figure.color = color;
    showColor();
    emit figureChanged(m_figure);
}

void LegendEditor::showColor() {
    const int side = m_color->fontMetrics().height();
    m_color->setIcon(swatch(m_figure.color, side));
    m_color->setIconSize(QSize(side, side));
    m_color->setText(m_figure.color.name() + tr("\u2026"));
}

// Window-modal and asynchronous (open(), not exec()): the legend redraws
// behind the dialog as the user tries colours.
void LegendEditor::chooseColor() {
    if (m_colorDialog) {
        m_colorDialog->raise();
        m_colorDialog->activateWindow();
        return;
    }
    const QColor before = m_figure.color;
    m_colorDialog = new QColorDialog(before, this);
    m_colorDialog->setWindowTitle(tr("Legend Colour"));
    m_colorDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_colorDialog, &QColorDialog::currentColorChanged, this, &LegendEditor::setColor);
    connect(m_colorDialog, &QColorDialog::colorSelected, this, &LegendEditor::setColor);
    connect(m_colorDialog, &QDialog::rejected, this, [this, before] { setColor(before); });
    m_colorDialog->open();
}

} // namespace ds::ui::figures
