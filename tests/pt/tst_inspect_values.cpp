#include "CliRunner.h"
#include "FixtureFiles.h"

#include <QRegularExpression>
#include <QtTest>

// `dimstudio inspect --values` end to end: the real executable loads the
// LibTorch module on demand and prints onnx-diagnostic's with_min_max.
class InspectValuesTest : public QObject {
    Q_OBJECT
private slots:
    void printsMinMaxMeanOfEveryTensor();
    void refusesFilesWithoutData();
    void readsRecordsBehindZip64Headers();
};

void InspectValuesTest::printsMinMaxMeanOfEveryTensor() {
    const CliRun run = runDimStudio({QStringLiteral("inspect"), QStringLiteral("--values"),
                                     fixtures::path(QStringLiteral("values/dtypes.pt"))});
    QCOMPARE(run.exitCode, 0);
    // Every tensor of the output, in order, is the line Python wrote for it.
    const QStringList expected = fixtures::readText(QStringLiteral("values/dtypes.minmax.txt"))
                                     .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    static const QRegularExpression tensor(QStringLiteral("T\\d+s[0-9x]*\\[[^\\]]*\\]"));
    QStringList found;
    for (auto it = tensor.globalMatch(run.out); it.hasNext();)
        found << it.next().captured(0);
    QCOMPARE(found, expected);
    QVERIFY(run.out.startsWith(QLatin1String("dict(float32:T1s3x4[")));
}

void InspectValuesTest::refusesFilesWithoutData() {
    const QString typeString = fixtures::path(QStringLiteral("pt/bare_tensor.type.txt"));
    const CliRun run =
        runDimStudio({QStringLiteral("inspect"), QStringLiteral("--values"), typeString});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err, QStringLiteral("dimstudio: error: %1: --values needs a torch.save file: a "
                                     "type-string holds shapes but no tensor data\n")
                          .arg(typeString));
}

// Tensor bytes are read in place after each record's local header, whose
// ZIP64 extra field moves the data (tests/fixtures/cli/make_cli_fixtures.py).
void InspectValuesTest::readsRecordsBehindZip64Headers() {
    const CliRun run = runDimStudio({QStringLiteral("inspect"), QStringLiteral("--values"),
                                     fixtures::path(QStringLiteral("cli/zip64_everywhere.pt"))});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QStringLiteral("dict(x:T1s2x3[0.0,0.0:A0.0],y:#1[T7s4[1,1:A1.0]])\n"));
}

QTEST_GUILESS_MAIN(InspectValuesTest)
#include "tst_inspect_values.moc"
