#include "PythonRunner.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>

namespace ds::runner {

namespace {

// Reads the runner's source from standard input and runs it under its own
// name, so that tracebacks on stderr name dimstudio_runner.py.
constexpr const char* kBoot = "import sys;b=sys.stdin.buffer;n=int(b.readline());"
                              "exec(compile(b.read(n).decode(),\"dimstudio_runner.py\",\"exec\"))";

// stderr is kept for messages: its last lines say why a runner died.
constexpr int kKeptStderr = 16 * 1024;

} // namespace

PythonRunner::PythonRunner(QString command)
    : m_command(std::move(command)), m_logPath(qEnvironmentVariable("DIMSTUDIO_RUNNER_LOG")) {}

PythonRunner::~PythonRunner() {
    stop();
}

QByteArray PythonRunner::runnerSource() {
    QFile file(QStringLiteral(":/runner/dimstudio_runner.py"));
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray();
    return file.readAll();
}

bool PythonRunner::isRunning() const {
    return m_process && m_process->state() == QProcess::Running;
}

QString PythonRunner::lastErrorLines() const {
    QStringList lines = QString::fromUtf8(m_stderr).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    while (lines.size() > 3)
        lines.removeFirst();
    return lines.join(QStringLiteral(" | ")).simplified();
}

void PythonRunner::stop() {
    if (!m_process)
        return;
    if (m_process->state() == QProcess::Running) {
        m_process->write("{\"id\": 0, \"cmd\": \"quit\"}\n");
        m_process->closeWriteChannel();
        if (!m_process->waitForFinished(3000)) {
            m_process->kill();
            m_process->waitForFinished(3000);
        }
    }
    m_process.reset();
}

Result<RunnerInfo> PythonRunner::start(int timeoutMs) {
    if (isRunning())
        return m_info;
    m_process.reset();
    m_buffer.clear();
    m_stderr.clear();
    QStringList parts = QProcess::splitCommand(m_command);
    if (parts.isEmpty())
        return Error(QStringLiteral("no Python command given (--python)"));
    const QString program = parts.takeFirst();
    parts << QStringLiteral("-u") << QStringLiteral("-c") << QLatin1String(kBoot);
    const QByteArray source = runnerSource();
    if (source.isEmpty())
        return Error(QStringLiteral("the export runner is missing from this build"));

    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->start(program, parts);
    if (!m_process->waitForStarted(30000)) {
        const QString why = m_process->errorString();
        m_process.reset();
        return Error(QStringLiteral("cannot start Python '%1': %2; give the interpreter to use "
                                    "with --python (for example --python python3)")
                         .arg(m_command, why));
    }
    m_process->write(QByteArray::number(source.size()) + '\n' + source);

    auto ready = readLine(timeoutMs);
    if (!ready) {
        stop();
        return ready.error();
    }
    const QJsonObject& line = ready.value();
    const QString event = line.value(QStringLiteral("event")).toString();
    if (event == QLatin1String("fatal")) {
        stop();
        return Error(QStringLiteral("%1 (Python: %2)")
                         .arg(line.value(QStringLiteral("message")).toString(), m_command));
    }
    if (event != QLatin1String("ready")) {
        stop();
        return Error(QStringLiteral("the export runner did not start as expected (Python: %1)")
                         .arg(m_command));
    }
    m_info.python = line.value(QStringLiteral("python")).toString();
    m_info.torch = line.value(QStringLiteral("torch")).toString();
    m_info.transformers = line.value(QStringLiteral("transformers")).toString();
    m_info.pid = line.value(QStringLiteral("pid")).toInteger();
    return m_info;
}

void PythonRunner::log(const QByteArray& line) const {
    if (m_logPath.isEmpty())
        return;
    QFile file(m_logPath);
    if (file.open(QIODevice::WriteOnly | QIODevice::Append))
        file.write(line + '\n');
}

Result<QJsonObject> PythonRunner::readLine(int timeoutMs) {
    QElapsedTimer clock;
    clock.start();
    for (;;) {
        const qsizetype newline = m_buffer.indexOf('\n');
        if (newline >= 0) {
            const QByteArray line = m_buffer.left(newline).trimmed();
            m_buffer.remove(0, newline + 1);
            if (line.isEmpty())
                continue;
            QJsonParseError error{};
            const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
            if (!doc.isObject())
                return Error(QStringLiteral("the export runner wrote something that is not a "
                                            "protocol line: %1")
                                 .arg(QString::fromUtf8(line.left(120))));
            log(line);
            return doc.object();
        }
        if (m_cancel && m_cancel->load())
            return Error(QStringLiteral("cancelled"));
        if (m_process->state() != QProcess::Running) {
            m_stderr += m_process->readAllStandardError();
            const QString last = lastErrorLines();
            return Error(
                QStringLiteral("the Python process (%1) ended%2")
                    .arg(m_command, last.isEmpty() ? QString() : QStringLiteral(": ") + last));
        }
        const qint64 left = timeoutMs - clock.elapsed();
        if (left <= 0)
            return Error(
                QStringLiteral("the export runner gave no answer in %1 s").arg(timeoutMs / 1000));
        m_process->waitForReadyRead(static_cast<int>(std::min<qint64>(left, 200)));
        m_buffer += m_process->readAllStandardOutput();
        m_stderr += m_process->readAllStandardError();
        if (m_stderr.size() > kKeptStderr)
            m_stderr = m_stderr.right(kKeptStderr);
    }
}

Result<QJsonObject> PythonRunner::request(QJsonObject body, const Progress& progress,
                                          int timeoutMs) {
    if (!isRunning()) {
        auto started = start();
        if (!started)
            return started.error();
    }
    const int id = m_nextId++;
    body.insert(QStringLiteral("id"), id);
    const QByteArray line = QJsonDocument(body).toJson(QJsonDocument::Compact);
    log(line);
    m_process->write(line + '\n');
    for (;;) {
        auto line = readLine(timeoutMs);
        if (!line) {
            stop();
            return line.error();
        }
        const QJsonObject& o = line.value();
        if (o.value(QStringLiteral("id")).toInt(-1) != id)
            continue; // an answer to an earlier, abandoned request
        const QString event = o.value(QStringLiteral("event")).toString();
        if (event == QLatin1String("progress")) {
            if (progress)
                progress(o.value(QStringLiteral("message")).toString());
            continue;
        }
        if (event == QLatin1String("error")) {
            m_lastErrorCode = o.value(QStringLiteral("code")).toString();
            return Error(o.value(QStringLiteral("message")).toString());
        }
        m_lastErrorCode.clear();
        return o;
    }
}

} // namespace ds::runner
