// `dimstudio --screenshot OUT.png [FILE] [--reference REF]` renders the main
// window offscreen and exits; a file it cannot open is an error on stderr.
#include "UiTestSupport.h"

#include <QImage>
#include <QProcess>
#include <QTemporaryDir>

namespace {

struct Run {
    int exitCode = -1;
    QString stderrText;
};

Run runDimstudio(const QStringList& args) {
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"),
               QDir::tempPath() + QStringLiteral("/dimstudio-test-config"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(DIMSTUDIO_BINARY), args);
    process.waitForFinished(60000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

class ScreenshotCommandTest : public QObject {
    Q_OBJECT
private slots:
    void bundledExample();
    void fileWithReference();
    void unreadableFileIsAnError();
    void specAndExportedProgram();
};

void ScreenshotCommandTest::bundledExample() {
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("example.png"));
    const Run run = runDimstudio({QStringLiteral("--screenshot"), out});
    QCOMPARE(run.exitCode, 0);
    const QImage image(out);
    QCOMPARE(image.size(), QSize(1400, 900));
}

void ScreenshotCommandTest::fileWithReference() {
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("seed.png"));
    const Run run = runDimstudio({QStringLiteral("--screenshot"), out, uitest::seedInputs(),
                                  QStringLiteral("--reference"), uitest::seedReference()});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(!QImage(out).isNull());
}

void ScreenshotCommandTest::unreadableFileIsAnError() {
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("none.png"));
    const Run run =
        runDimstudio({QStringLiteral("--screenshot"), out, QStringLiteral("/nonexistent/x.pt")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.stderrText.contains(QStringLiteral("/nonexistent/x.pt")),
             qPrintable(run.stderrText));
    QVERIFY(!QFile::exists(out));
}

// The Export panel raised on an exported program's outcomes; a bad artifact is
// one located line and no image.
void ScreenshotCommandTest::specAndExportedProgram() {
    QTemporaryDir dir;
    const QString exported = uitest::fixture(QStringLiteral("exported/"));
    const QString out = dir.filePath(QStringLiteral("exported.png"));
    const QStringList common{
        exported + QStringLiteral("llama_auto.inputs.pt"), QStringLiteral("--spec"),
        exported + QStringLiteral("llama_auto.spec.json"), QStringLiteral("--exported")};
    Run run = runDimstudio(QStringList{QStringLiteral("--screenshot"), out} + common +
                           QStringList{exported + QStringLiteral("llama_auto.t214.pt2")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(QImage(out).size(), QSize(1400, 900));

    const QString bad = dir.filePath(QStringLiteral("bad.png"));
    run = runDimstudio(QStringList{QStringLiteral("--screenshot"), bad} + common +
                       QStringList{exported + QStringLiteral("hostile_schema99.pt2")});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.stderrText.contains(QStringLiteral("hostile_schema99.pt2: schema version 99.20")),
             qPrintable(run.stderrText));
    QVERIFY(!QFile::exists(bad));
}

QTEST_MAIN(ScreenshotCommandTest)
#include "tst_screenshotcommand.moc"
