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

    static QString messageFor(const Error& error, const QString& action);

signals:
    void reported(const QString& message);

private:
    QWidget* m_dialogParent;
    bool m_interactive = true;
};

} // namespace ds::ui
