#pragma once

#include "Result.h"

#include <QObject>

class QWidget;

namespace ds::ui {

// The one place user errors are shown: once, with the file and the reason.
// Tests and the screenshot mode turn the message box off and read the signal.
class ErrorReporter : public QObject {
    Q_OBJECT
public:
    explicit ErrorReporter(QWidget* dialogParent);

    void setInteractive(bool interactive) { m_interactive = interactive; }
    bool isInteractive() const { return m_interactive; }

    // "Couldn't open file 'x.pt'\nreason (at where)"; `action` replaces "open" ("save", "read").
    void report(const Error& error, const QString& action = QStringLiteral("open"));
    // A yes/no question; `fallback` answers it when not interactive.
    bool ask(const QString& title, const QString& question, bool fallback);

    // A confirmation (saved, exported, copied): the status bar's, not a box.
    void inform(const QString& message) { emit informed(message); }

    static QString messageFor(const Error& error, const QString& action);
    // The name errors give text pasted from the clipboard, in place of a file.
    static QString clipboardOrigin() { return tr("clipboard"); }

signals:
    void reported(const QString& message);
    void informed(const QString& message);

private:
    QWidget* m_dialogParent;
    bool m_interactive = true;
};

} // namespace ds::ui
