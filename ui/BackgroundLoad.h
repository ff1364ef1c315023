#pragma once

#include "document/PreparedInputs.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>

class QProgressDialog;
class QWidget;

namespace ds::ui {

// Runs a load on a worker thread (RenderDoc's way): the window stays live, a
// busy dialog appears only when the load takes longer than half a second, and
// its Cancel drops the result (a reader cannot be interrupted mid-file).
class BackgroundLoad : public QObject {
    Q_OBJECT
public:
    using Job = std::function<Result<document::PreparedInputs>()>;
    // The result is the callback's to take (move) from: a copy would share the
    // document's name index, and the first edit would then copy all of it.
    using Done = std::function<void(Result<document::PreparedInputs>&)>;
    static constexpr int kProgressDelayMs = 500;

    explicit BackgroundLoad(QWidget* dialogParent);
    ~BackgroundLoad() override;

    // A new load supersedes a running one: the old result is dropped.
    void start(const QString& what, Job job, Done done);
    bool isRunning() const { return m_watcher.isRunning(); }
    // Blocks until the running load has finished and its result was delivered.
    void waitForFinished();

private:
    void finished();
    void showProgress();

    QWidget* m_dialogParent;
    QFutureWatcher<std::shared_ptr<Result<document::PreparedInputs>>> m_watcher;
    Done m_done;
    QString m_what;
    QTimer m_progressDelay;
    QPointer<QProgressDialog> m_progress;
};

} // namespace ds::ui
