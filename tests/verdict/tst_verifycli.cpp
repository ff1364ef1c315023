// `dimstudio verify` refuses what it cannot run before any Python starts, in
// one line naming the file, exit 2: no model, a model argument of no known
// form, inputs without tensors, classes the runner will not unpickle without
// --trust-pickle, a Python command that does not exist.
#include "CliRunner.h"
#include "FixtureFiles.h"

#include <QtTest>

namespace {

QString model(const char* file) {
    return fixtures::path(QStringLiteral("models/llama/") + QLatin1String(file));
}

} // namespace

class VerifyCliTest : public QObject {
    Q_OBJECT
private slots:
    void refusedBeforePythonStarts_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString inputs = model("inputs_a.pt");
        QTest::newRow("no model") << QStringList{"verify", inputs} << "verify needs --model";
        QTest::newRow("model of no known form")
            << QStringList{"verify", inputs, "--model", model("inputs_b.pt")}
            << "--model takes path/to/file.py:callable";
        QTest::newRow("no such config")
            << QStringList{"verify", inputs, "--model", QStringLiteral("/nonexistent/config.json")}
            << "/nonexistent/config.json: no such config file";
        QTest::newRow("type string inputs")
            << QStringList{"verify",
                           fixtures::path(QStringLiteral("cli/seed_dynamic_cache.txt")),
                           "--model", model("config.json")}
            << "verify needs a torch.save file";
        QTest::newRow("unknown classes need trust")
            << QStringList{"verify", fixtures::path(QStringLiteral("cli/unknown_class.pt")),
                           "--model", model("config.json")}
            << "pass --trust-pickle if you trust the file";
        QTest::newRow("a ModelOutput needs trust")
            << QStringList{"verify",
                           fixtures::path(QStringLiteral("models/whisper/inputs_a.pt")),
                           "--model",
                           fixtures::path(QStringLiteral("models/whisper/config.json"))}
            << "holds a transformers.modeling_outputs.BaseModelOutput, which "
               "torch.load(weights_only=True) cannot load";
        QTest::newRow("no such Python")
            << QStringList{"verify", inputs, "--model", model("config.json"), "--python",
                           "/nonexistent/bin/python3"}
            << "cannot start Python '/nonexistent/bin/python3'";
        QTest::newRow("rounds") << QStringList{"verify", inputs, "--model", model("config.json"),
                                               "--rounds", "0"}
                                << "--rounds expects a number from 1";
    }

    void refusedBeforePythonStarts() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const CliRun run = runDimStudio(args);
        QCOMPARE(run.exitCode, 2);
        const QStringList lines = run.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(!lines.isEmpty() && lines.last().startsWith(QLatin1String("dimstudio: error: ")),
                 qPrintable(run.err));
        QVERIFY2(lines.last().contains(message), qPrintable(lines.last()));
        QCOMPARE(run.out, QString());
    }

    void runnerWritesItself() {
        const CliRun run = runDimStudio({QStringLiteral("runner")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.startsWith(QLatin1String("# dimstudio_runner.py")));
        QVERIFY(run.out.contains(QLatin1String("def register_for(inputs, layout)")));
    }
};

QTEST_GUILESS_MAIN(VerifyCliTest)
#include "tst_verifycli.moc"
