// `dimstudio fix` on a recorded torch error: the spec it writes reads back
// as torch's refined spec; lines it cannot apply are listed; bad input exits 2.
#include "CliRunner.h"
#include "FixtureFiles.h"

#include <QTemporaryDir>
#include <QtTest>

namespace {

QString errors(const char* name) {
    return fixtures::path(QStringLiteral("torch_errors/") + QLatin1String(name));
}
QString models(const char* name) {
    return fixtures::path(QStringLiteral("models/") + QLatin1String(name));
}

} // namespace

class FixCliTest : public QObject {
    Q_OBJECT
private slots:
    void appliesTorchsFixes() {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("fixed.json"));
        const CliRun run = runDimStudio(
            {QStringLiteral("fix"), models("llama/inputs_a.pt"), QStringLiteral("--layout"),
             QStringLiteral("transformers"), QStringLiteral("--spec"),
             errors("llama_transformers_all_dynamic_r0.spec.py"), QStringLiteral("--torch-error"),
             errors("llama_transformers_all_dynamic_r0.error.txt"), QStringLiteral("-o"), out});
        QCOMPARE(run.err, QString());
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(
            QLatin1String("change  attention_mask dim 1: 'd_1_1' -> Dim('d_1_1', min=4)")));
        // What DimStudio wrote is what torch refined, written the same way.
        const CliRun mine = runDimStudio(
            {QStringLiteral("spec"), models("llama/inputs_a.pt"), QStringLiteral("--layout"),
             QStringLiteral("transformers"), QStringLiteral("--spec"), out});
        const CliRun torchs = runDimStudio(
            {QStringLiteral("spec"), models("llama/inputs_a.pt"), QStringLiteral("--layout"),
             QStringLiteral("transformers"), QStringLiteral("--spec"),
             errors("llama_transformers_all_dynamic_r0.refined.py")});
        QCOMPARE(mine.exitCode, 0);
        QCOMPARE(torchs.exitCode, 0);
        QCOMPARE(mine.out, torchs.out);
    }

    void specToStdoutChangesToStderr() {
        const CliRun run = runDimStudio(
            {QStringLiteral("fix"), fixtures::path(QStringLiteral("torch_errors/toys/new_root.pt")),
             QStringLiteral("--spec"), errors("toy_new_root_t214_r0.spec.py"),
             QStringLiteral("--torch-error"), errors("toy_new_root_t214_r0.error.txt"),
             QStringLiteral("--format"), QStringLiteral("python")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QLatin1String("_dx = Dim('_dx', min=1)")), qPrintable(run.out));
        QVERIFY(run.out.contains(QLatin1String("2*_dx + 1")));
        QVERIFY(run.err.startsWith(QLatin1String("dimstudio: change  ")));
    }

    void badInput() {
        QTemporaryDir dir;
        const QString empty = dir.filePath(QStringLiteral("empty.log"));
        QFile f(empty);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("Traceback (most recent call last):\n  nothing about shapes\n");
        f.close();
        CliRun run = runDimStudio({QStringLiteral("fix"), models("llama/inputs_a.pt"),
                                   QStringLiteral("--torch-error"), empty});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.startsWith(
            QStringLiteral("dimstudio: error: %1: no torch.export verdict").arg(empty)));
        run = runDimStudio({QStringLiteral("fix"), models("llama/inputs_a.pt")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(QLatin1String("--torch-error")));
    }
};

QTEST_GUILESS_MAIN(FixCliTest)
#include "tst_fixcli.moc"
