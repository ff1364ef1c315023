#pragma once

#include "spec/SpecWriters.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QPlainTextEdit;
class QPushButton;

namespace ds {
class DocumentContext;
}

namespace ds::ui {

// The spec as it would be exported, kept up to date: a format chooser, the
// cache layout, a copy button. Writing the text is the expensive part on big
// inputs, so it waits for a short pause in the edits and for the panel to be
// visible.
class SpecPreviewPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kDelayMs = 60;

    explicit SpecPreviewPanel(DocumentContext& context, QWidget* parent = nullptr);

    SpecFormat format() const;
    void setFormat(SpecFormat format);
    QString shownText() const;
    // Writes the text now (tests, screenshot).
    void refreshNow();

signals:
    void formatChanged(SpecFormat format);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void scheduleRefresh();

    DocumentContext& m_context;
    QComboBox* m_format;
    QComboBox* m_layout;
    QPushButton* m_copy;
    QPlainTextEdit* m_text;
    QTimer m_delay;
    bool m_stale = true;
};

} // namespace ds::ui
