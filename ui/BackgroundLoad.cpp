#include "BackgroundLoad.h"

#include <QFileInfo>
#include <QProgressDialog>
#include <QtConcurrent/QtConcurrentRun>

namespace ds::ui {

BackgroundLoad::BackgroundLoad(QWidget* dialogParent)
    : QObject(dialogParent), m_dialogParent(dialogParent) {
    m_progressDelay.setSingleShot(true);
    m_progressDelay.setInterval(kProgressDelayMs);
    connect(&m_progressDelay, &QTimer::timeout, this, &BackgroundLoad::showProgress);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &BackgroundLoad::finished);
}

BackgroundLoad::~BackgroundLoad() {
    // The job owns nothing of ours, but its result must not outlive the watcher unseen.
    m_watcher.waitForFinished();
}

void BackgroundLoad::start(const QString& what, Job job, Done done) {
    if (m_watcher.isRunning()) {
        m_watcher.disconnect(this);
        m_watcher.waitForFinished(); // rare: a second open while one is loading
        connect(&m_watcher, &QFutureWatcherBase::finished, this, &BackgroundLoad::finished);
    }
    m_done = std::move(done);
    m_what = what;
    m_watcher.setFuture(QtConcurrent::run([job = std::move(job)] {
        return std::make_shared<Result<document::PreparedInputs>>(job());
    }));
    m_progressDelay.start();
}

void BackgroundLoad::waitForFinished() {
    if (!m_watcher.isRunning() && !m_watcher.isFinished())
        return;
    m_watcher.waitForFinished();
    if (m_done)
        finished();
}

void BackgroundLoad::showProgress() {
    if (!m_watcher.isRunning())
        return;
    m_progress =
        new QProgressDialog(tr("Opening %1…").arg(m_what), tr("Cancel"), 0, 0, m_dialogParent);
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(0);
    m_progress->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_progress, &QProgressDialog::canceled, this, [this] { m_done = nullptr; });
    m_progress->show();
}

void BackgroundLoad::finished() {
    m_progressDelay.stop();
    Done done = std::move(m_done);
    m_done = nullptr;
    if (m_progress) {
        m_progress->disconnect(this); // closing a progress dialog reports "canceled"
        m_progress->close();
    }
    if (!done || m_watcher.future().resultCount() == 0)
        return;
    const auto result = m_watcher.result();
    done(*result);
}

} // namespace ds::ui
