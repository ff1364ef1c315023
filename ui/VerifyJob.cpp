#include "VerifyJob.h"

namespace ds::ui {

// Lives in the job's thread, with the runner (a QProcess belongs to the
// thread that made it).
class VerifyWorker : public QObject {
    Q_OBJECT
public:
    explicit VerifyWorker(std::shared_ptr<std::atomic<bool>> cancel)
        : m_cancel(std::move(cancel)) {}

public slots:
    void run(const std::shared_ptr<ds::ui::VerifyJob::Request>& request) {
        if (!m_runner || m_runner->command() != request->python) {
            m_runner = std::make_unique<runner::PythonRunner>(request->python);
            m_runner->setCancelFlag(m_cancel.get());
        }
        auto outcome = std::make_shared<Result<runner::VerifyReport>>(runner::verifySpec(
            *m_runner, request->session, request->options, request->fix, request->maxRounds,
            [this](const QString& message) { emit progress(message); }));
        emit done(outcome);
    }

signals:
    void progress(const QString& message);
    void done(const ds::ui::VerifyJob::Outcome& outcome);

private:
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::unique_ptr<runner::PythonRunner> m_runner;
};

VerifyJob::VerifyJob(QObject* parent) : QObject(parent), m_worker(new VerifyWorker(m_cancel)) {
    qRegisterMetaType<std::shared_ptr<ds::ui::VerifyJob::Request>>();
    qRegisterMetaType<ds::ui::VerifyJob::Outcome>();
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(this, &VerifyJob::runRequested, m_worker, &VerifyWorker::run);
    connect(m_worker, &VerifyWorker::progress, this, &VerifyJob::progress);
    connect(m_worker, &VerifyWorker::done, this, [this](const Outcome& outcome) {
        m_running = false;
        m_cancel->store(false);
        emit finished(outcome);
    });
    m_thread.start();
}

VerifyJob::~VerifyJob() {
    m_cancel->store(true);
    m_thread.quit();
    m_thread.wait();
}

void VerifyJob::start(Request request) {
    if (m_running)
        return;
    m_running = true;
    m_cancel->store(false);
    emit runRequested(std::make_shared<Request>(std::move(request)));
}

void VerifyJob::cancel() {
    if (m_running)
        m_cancel->store(true);
}

} // namespace ds::ui

#include "VerifyJob.moc"
