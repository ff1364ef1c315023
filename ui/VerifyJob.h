#pragma once

#include "runner/VerifyLoop.h"

#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>

namespace ds::ui {

class VerifyWorker;

// One verify at a time on a worker thread, with the export runner kept warm
// there between verifies (importing torch and building the model cost
// seconds; the second verify of the same model pays neither). Cancel ends
// the runner; the next verify starts a new one.
class VerifyJob : public QObject {
    Q_OBJECT
public:
    struct Request {
        session::Session session;
        runner::VerifyOptions options;
        QString python;
        bool fix = true;
        int maxRounds = 8;
    };
    using Outcome = std::shared_ptr<Result<runner::VerifyReport>>;

    explicit VerifyJob(QObject* parent = nullptr);
    ~VerifyJob() override;

    // Ignored while one runs.
    void start(Request request);
    void cancel();
    bool isRunning() const { return m_running; }

signals:
    void progress(const QString& message);
    void finished(const ds::ui::VerifyJob::Outcome& outcome);
    void runRequested(std::shared_ptr<ds::ui::VerifyJob::Request> request);

private:
    // Before the worker, which shares it.
    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
    QThread m_thread;
    VerifyWorker* m_worker;
    bool m_running = false;
};

} // namespace ds::ui
