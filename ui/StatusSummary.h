#pragma once

#include <QLabel>

namespace ds::document {
class DocumentContext;
}

namespace ds::ui {

// The status bar's one-line summary: tensors, dynamic dimensions, findings
// and differences from the reference. A double click opens the checks.
class StatusSummary : public QLabel {
    Q_OBJECT
public:
    explicit StatusSummary(document::DocumentContext& context, QWidget* parent = nullptr);

    static QString textFor(const document::DocumentContext& context);

signals:
    void activated();

protected:
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    document::DocumentContext& m_context;
};

} // namespace ds::ui
