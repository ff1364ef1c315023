#pragma once

#include "Result.h"
#include "document/RecentFiles.h"

#include <QObject>

#include <functional>

class QWidget;

namespace ds::document {
class DocumentContext;
}

namespace ds::ui {

class BackgroundLoad;
class ErrorReporter;

// Everything that brings inputs into the document: File > Open, drag and
// drop, the command line, recent files, "Paste inputs" and "Add input set".
// Loads run in the background; a failure is reported once and changes nothing.
class InputsOpener : public QObject {
    Q_OBJECT
public:
    InputsOpener(document::DocumentContext& context, ErrorReporter& errors, QWidget* dialogParent);
    ~InputsOpener() override;

    // Asked before new inputs replace edited ones (the unsaved-edits guard).
    void setDiscardGuard(std::function<bool()> mayDiscard) { m_mayDiscard = std::move(mayDiscard); }

    void chooseAndOpen();
    void open(const QString& path);       // in the background
    Status openNow(const QString& path);  // on this thread: command line, screenshot, tests
    void openRecent(const QString& path); // a missing file is offered for removal
    Status openExample();
    Status pasteInputs(); // a type string from the clipboard
    Status openTypeString(const QString& text, const QString& origin);
    void chooseAndAddInputSet();
    void addInputSet(const QString& path); // in the background

    bool isLoading() const;
    void waitForLoad();

    document::RecentFiles& recentFiles() { return m_recent; }
    QString lastDirectory() const { return m_lastDirectory; }

signals:
    void recentFilesChanged();
    void opened(const QString& path);

private:
    bool mayReplace() const;
    void remember(const QString& path);

    document::DocumentContext& m_context;
    ErrorReporter& m_errors;
    QWidget* m_dialogParent;
    BackgroundLoad* m_load;
    document::RecentFiles m_recent;
    QString m_lastDirectory;
    std::function<bool()> m_mayDiscard;
};

} // namespace ds::ui
