#include "FigureSlot.h"

#include "document/DocumentContext.h"

#include <QEvent>
#include <QFileInfo>
#include <QLabel>
#include <QSettings>
#include <QTimer>

#include <algorithm>

#ifdef DIMSTUDIO_HAVE_FIGURES
#include "FigurePanel.h"
#endif

namespace ds::ui {

#ifdef DIMSTUDIO_HAVE_FIGURES

namespace {

const QString kLegendText = QStringLiteral("figures/legendText");
const QString kLegendBottom = QStringLiteral("figures/legendBottomText");
const QString kLegendColor = QStringLiteral("figures/legendColor");
const QString kLegendSize = QStringLiteral("figures/legendSize");

// The legend as the user last left it (the panel's own default the first time).
void restoreLegend(figures::FigurePanel& panel) {
    const QSettings settings;
    if (!settings.contains(kLegendText))
        return;
    ds::figures::LegendFigure figure = panel.legendFigure();
    figure.text = settings.value(kLegendText).toString();
    figure.bottomText = settings.value(kLegendBottom).toString();
    const QColor color(settings.value(kLegendColor).toString());
    if (color.isValid())
        figure.color = color;
    figure.sizePx = std::clamp(settings.value(kLegendSize, figure.sizePx).toInt(), 50, 4000);
    panel.setLegendFigure(figure);
}

void rememberLegend(const ds::figures::LegendFigure& figure) {
    QSettings settings;
    settings.setValue(kLegendText, figure.text);
    settings.setValue(kLegendBottom, figure.bottomText);
    settings.setValue(kLegendColor, figure.color.name(QColor::HexArgb));
    settings.setValue(kLegendSize, figure.sizePx);
}

// Keeps the figures in step with the document. Drawing a shape map costs tens
// of milliseconds, so it waits for a pause in the edits and for the panel to
// be on screen (it is usually a background tab).
class FigureSync : public QObject {
public:
    FigureSync(figures::FigurePanel* panel, document::DocumentContext& context)
        : QObject(panel), m_panel(panel), m_context(context) {
        m_redraw.setSingleShot(true);
        m_redraw.setInterval(150);
        connect(&m_redraw, &QTimer::timeout, this, &FigureSync::redrawIfShown);
        // The panel reads the document through pointers: dropped before the
        // inputs go, given again (later) once new ones are in.
        connect(&context, &document::DocumentContext::inputsAboutToChange, this, [this] {
            m_panel->setDocument(nullptr, nullptr, nullptr);
            m_attached = false;
        });
        connect(&context, &document::DocumentContext::inputsChanged, this, &FigureSync::markStale);
        connect(&context, &document::DocumentContext::referenceChanged, this, [this] {
            m_attached = false;
            markStale();
        });
        connect(&context, &document::DocumentContext::specChanged, this, &FigureSync::markStale);
        connect(&context, &document::DocumentContext::comparisonChanged, this,
                &FigureSync::markStale);
        panel->installEventFilter(this);
        restoreLegend(*panel);
        connect(panel, &figures::FigurePanel::legendFigureChanged, this, &rememberLegend);
        markStale();
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        // Show: the dock was opened. Paint: its tab was chosen (see isShown).
        const bool exposed = event->type() == QEvent::Show || event->type() == QEvent::Paint;
        if (watched == m_panel && exposed && m_stale && !m_redraw.isActive())
            m_redraw.start();
        return false;
    }

private:
    // A dock in a tab that is not the current one stays "visible" for Qt:
    // QMainWindow moves it out of the window instead of hiding it. Only a
    // panel with something on screen is drawn.
    bool isShown() const { return m_panel->isVisible() && !m_panel->visibleRegion().isEmpty(); }

    void markStale() {
        m_stale = true;
        if (isShown())
            m_redraw.start();
    }

    void redrawIfShown() {
        if (!isShown())
            return; // the Show or Paint event brings us back
        m_stale = false;
        if (!m_context.hasInputs()) {
            m_panel->setDocument(nullptr, nullptr, nullptr);
            return;
        }
        if (!m_attached) {
            m_panel->setTitle(m_context.documentName());
            updateSaveLocation();
            m_panel->setDocument(&m_context.tree(), &m_context.spec(),
                                 m_context.hasReference() ? &m_context.comparison() : nullptr);
            m_attached = true;
            return;
        }
        m_panel->refresh();
    }

    // Figures are proposed as <inputs>_shape_map.png beside the inputs file
    // (the bundled example and the clipboard have no folder of their own).
    void updateSaveLocation() {
        const QFileInfo inputs(m_context.inputs().path);
        m_panel->setSaveLocation(inputs.completeBaseName(),
                                 m_context.hasInputFile() ? inputs.absolutePath() : QString());
    }

    figures::FigurePanel* m_panel;
    document::DocumentContext& m_context;
    QTimer m_redraw;
    bool m_stale = true;
    bool m_attached = false;
};

} // namespace

QWidget* createFigureSlot(document::DocumentContext& context, QWidget* parent) {
    auto* panel = new figures::FigurePanel(parent);
    new FigureSync(panel, context);
    return panel;
}

#else

QWidget* createFigureSlot(document::DocumentContext&, QWidget* parent) {
    auto* note = new QLabel(QObject::tr("The figures module is not part of this build."), parent);
    note->setAlignment(Qt::AlignCenter);
    return note;
}

#endif

} // namespace ds::ui
