#pragma once

#include "spec/SpecWriters.h"

#include <QThreadPool>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QPlainTextEdit;
class QPushButton;

namespace ds::document {
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
    // Text is put into the editor this many characters per pass of the event
    // loop: laying out the 3.4 MB spec of 100,000 tensors at once froze the
    // window for about 190 ms.
    static constexpr qsizetype kCharactersPerPass = 64 * 1024;
    // Texts up to this size wrap at the dock's width; longer ones scroll.
    static constexpr qsizetype kWrapLimit = 64 * 1024;

    explicit SpecPreviewPanel(document::DocumentContext& context, QWidget* parent = nullptr);
    ~SpecPreviewPanel() override; // waits for the text being written

    spec::SpecFormat format() const;
    void setFormat(spec::SpecFormat format);
    // What the editor holds now (while a long text is being put in, a part of it).
    QString shownText() const;
    // The text the editor is showing or about to: what Copy copies.
    const QString& text() const { return m_target; }
    // Writes the text now, on this thread (format change, tests, screenshot).
    void refreshNow();

signals:
    void formatChanged(spec::SpecFormat format);
    // A confirmation for the status bar ("Copied the spec ...").
    void informed(const QString& message);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void scheduleRefresh();
    void refreshInBackground();
    void showText(const QString& text);
    // Puts the next slice of m_pending into the editor; schedules the rest.
    void insertPendingSlice();

    document::DocumentContext& m_context;
    QComboBox* m_format;
    QComboBox* m_layout;
    QPushButton* m_copy;
    QPlainTextEdit* m_text;
    QTimer m_delay;
    bool m_stale = true;
    QString m_shown;   // what m_text holds, to find what changed
    QString m_target;  // what it will hold once m_pending is in
    QString m_pending; // still to insert at m_pendingAt
    qsizetype m_pendingAt = 0;
    int m_restoreScroll = -1; // scroll position to come back to once the text is long enough
    int m_generation = 0;     // the latest text asked for; older ones are dropped
    int m_fill = 0;           // the latest insertion; passes of an older one stop
    QThreadPool m_writer;
};

} // namespace ds::ui
