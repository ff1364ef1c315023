#include "FigureSlot.h"

#include "document/DocumentContext.h"

#include <QEvent>
#include <QLabel>
#include <QTimer>

#ifdef DIMSTUDIO_HAVE_FIGURES
#include "FigurePanel.h"
#endif

namespace ds::ui {

#ifdef DIMSTUDIO_HAVE_FIGURES

namespace {

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
            m_panel->setDocument(&m_context.tree(), &m_context.spec(),
                                 m_context.hasReference() ? &m_context.comparison() : nullptr);
            m_attached = true;
            return;
        }
        m_panel->refresh();
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
