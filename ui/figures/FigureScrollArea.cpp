#include "FigureScrollArea.h"

#include <QCoreApplication>
#include <QPainter>
#include <QWheelEvent>

namespace ds::ui::figures {

FigureScrollArea::FigureScrollArea(QWidget* parent) : QScrollArea(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
    // Room for the border drawn in event(): thin when idle, thick with focus.
    setViewportMargins(kBorderPx, kBorderPx, kBorderPx, kBorderPx);
    setBackgroundRole(QPalette::Base);
    viewport()->setBackgroundRole(QPalette::Base);
}

bool FigureScrollArea::event(QEvent* event) {
    const bool handled = QScrollArea::event(event);
    switch (event->type()) {
    case QEvent::FocusIn:
    case QEvent::FocusOut:
        update();
        break;
    case QEvent::Paint: {
        // The viewport covers everything but the margins: only the border shows.
        QPainter painter(this);
        const QRect outer =
            viewport()->geometry().adjusted(-kBorderPx, -kBorderPx, kBorderPx, kBorderPx);
        painter.fillRect(outer, palette().base());
        if (hasFocus()) {
            const double half = kBorderPx / 2.0;
            painter.setPen(QPen(palette().color(QPalette::Highlight), kBorderPx, Qt::SolidLine,
                                Qt::SquareCap, Qt::MiterJoin));
            painter.drawRect(QRectF(outer).adjusted(half, half, -half, -half));
        } else {
            painter.setPen(palette().color(QPalette::Mid));
            painter.drawRect(viewport()->geometry().adjusted(-1, -1, 0, 0));
        }
        break;
    }
    default:
        break;
    }
    return handled;
}

void passWheelToScrollArea(QWidget* figure, QWheelEvent* event) {
    for (QWidget* w = figure->parentWidget(); w; w = w->parentWidget()) {
        auto* area = qobject_cast<QAbstractScrollArea*>(w);
        if (!area || !area->viewport()->isAncestorOf(figure))
            continue;
        QWidget* viewport = area->viewport();
        QWheelEvent copy(viewport->mapFromGlobal(event->globalPosition()), event->globalPosition(),
                         event->pixelDelta(), event->angleDelta(), event->buttons(),
                         event->modifiers(), event->phase(), event->inverted(), event->source(),
                         event->pointingDevice());
        QCoreApplication::sendEvent(viewport, &copy);
        event->setAccepted(copy.isAccepted());
        return;
    }
    event->ignore();
}

} // namespace ds::ui::figures
