#pragma once

#include <QScrollArea>

class QWheelEvent;

namespace ds::ui::figures {

// The scroll area a figure sits in. It is the figure's keyboard stop: the
// plots themselves take no keys, so they take no focus; here the arrows and
// Page Up/Down scroll, Tab moves on, and a highlighted border shows the focus.
class FigureScrollArea : public QScrollArea {
public:
    explicit FigureScrollArea(QWidget* parent = nullptr);

protected:
    bool event(QEvent* event) override;

private:
    static constexpr int kBorderPx = 2;
};

// QCustomPlot accepts every wheel event, zoom or not. A figure that does not
// zoom hands the wheel to the scroll area it is shown in (if any), so that the
// wheel scrolls the panel as it does everywhere else.
void passWheelToScrollArea(QWidget* figure, QWheelEvent* event);

} // namespace ds::ui::figures
