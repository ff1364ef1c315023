#pragma once

#include "spec/SpecWriters.h"

#include <QThreadPool>
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
// inputs (100,000 tensors: megabytes), so it waits for a short pause in the
// edits and for the panel to be visible, runs on a worker thread, and only the
// lines that changed are replaced in the shown text.
class SpecPreviewPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kDelayMs = 60;

    explicit SpecPreviewPanel(DocumentContext& context, QWidget* parent = nullptr);
    ~SpecPreviewPanel() override; // waits for the text being written

    SpecFormat format() const;
    void setFormat(SpecFormat format);
    QString shownText() const;
    // Writes the text now, on this thread (format change, tests, screenshot).
    void refreshNow();

signals:
    void formatChanged(SpecFormat format);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void scheduleRefresh();
    void refreshInBackground();
    void showText(const QString& text);

    DocumentContext& m_context;
    QComboBox* m_format;
    QComboBox* m_layout;
    QPushButton* m_copy;
    QPlainTextEdit* m_text;
    QTimer m_delay;
    bool m_stale = true;
    QString m_shown;      // what m_text holds, to find what changed
    int m_generation = 0; // the latest text asked for; older ones are dropped
    QThreadPool m_writer;
};

} // namespace ds::ui
