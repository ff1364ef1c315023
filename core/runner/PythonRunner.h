#pragma once

#include "Result.h"

#include <QJsonObject>
#include <QProcess>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

namespace ds::runner {

// What the runner said about the Python it runs in.
struct RunnerInfo {
    QString python;
    QString torch;
    QString transformers; // empty when it cannot be imported
    qint64 pid = 0;
};

using Progress = std::function<void(const QString&)>;

// The export runner (resources/dimstudio_runner.py, compiled in) running in
// the user's own Python, spoken to in JSON lines (docs/runner-protocol.md).
// It stays alive between requests: the second verify of a model pays
// neither torch's import nor the model's construction again. Synchronous: the
// command line calls it directly, the app from a worker thread.
class PythonRunner {
public:
    // `command`: how to start Python, a command line ("python3",
    // "bash scripts/torch-env.sh python sid", "/venv/bin/python").
    explicit PythonRunner(QString command);
    ~PythonRunner(); // asks the runner to quit, then ends it

    PythonRunner(const PythonRunner&) = delete;
    PythonRunner& operator=(const PythonRunner&) = delete;

    const QString& command() const { return m_command; }
    // Starts the runner when it is not running. Errors say what to do: no
    // such command, no torch, a torch older than 2.5.
    Result<RunnerInfo> start(int timeoutMs = 120000);
    bool isRunning() const;
    const RunnerInfo& info() const { return m_info; }

    // One request ({"cmd": ...}; the id is added here); its `result` line.
    // An `error` line, a runner that dies or a timeout is an Error whose
    // message says what happened (with the runner's last words on stderr).
    Result<QJsonObject> request(QJsonObject body, const Progress& progress = {},
                                int timeoutMs = 900000);

    // Set from another thread to abandon the request under way (the runner
    // is ended: the next request starts a new one).
    void setCancelFlag(const std::atomic<bool>* cancel) { m_cancel = cancel; }

    // The code of the last `error` answer (bad_class, unsafe_pickle, ...).
    const QString& lastErrorCode() const { return m_lastErrorCode; }

    // The runner's source as compiled in.
    static QByteArray runnerSource();

private:
    Result<QJsonObject> readLine(int timeoutMs);
    QString lastErrorLines() const;
    void log(const QByteArray& line) const;
    void stop();

    QString m_command;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_buffer;
    QByteArray m_stderr;
    RunnerInfo m_info;
    int m_nextId = 1;
    QString m_lastErrorCode;
    const std::atomic<bool>* m_cancel = nullptr;
    QString m_logPath; // DIMSTUDIO_RUNNER_LOG: every request and answer, one JSON line each
};

} // namespace ds::runner
