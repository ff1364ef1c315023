#pragma once

// Runs the real dimstudio executable, as a user's shell would.
#include <QProcess>
#include <QString>
#include <QStringList>

struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;
};

// `environment`: the child's environment when given (e.g. without DISPLAY).
inline CliRun runDimStudio(const QStringList& args,
                           const QProcessEnvironment& environment = QProcessEnvironment()) {
    QProcess p;
    if (!environment.isEmpty())
        p.setProcessEnvironment(environment);
    p.start(QStringLiteral(DIMSTUDIO_BINARY), args);
    CliRun run;
    if (!p.waitForFinished(60000)) {
        p.kill();
        run.err = QStringLiteral("timed out");
        return run;
    }
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    run.out = QString::fromUtf8(p.readAllStandardOutput());
    run.err = QString::fromUtf8(p.readAllStandardError());
    return run;
}
