// The compare, check and guess commands, run as users run them.
#include "AnalysisTestData.h"
#include "CliRunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace ds::test;

namespace {

QString seedInputs() {
    return fixture(QStringLiteral("pt/seed_static_cache_v449.type.txt"));
}
QString analysisFixture(const char* name) {
    return fixture(QStringLiteral("analysis/") + QLatin1String(name));
}

} // namespace

class AnalysisCliTest : public QObject {
    Q_OBJECT
private slots:
    void exitCodes_data();
    void exitCodes();
    void compareSeedAgainstItsReference();
    void compareJsonSummary();
    void compareDynamicAxesReference();
    void compareReportsSyntaxErrorsWithPosition();
    void checkSeedAllDynamic();
    void checkJson();
    void tensorsNoLayoutPassesAreNamed();
    void guessTwoSets();
    void guessSemanticDynamicAxes();
    void guessRankMismatchNamesTheFile();
    void usageListsTheCommands();
};

void AnalysisCliTest::exitCodes_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    const QString reference = analysisFixture("seed_reference.py");
    QTest::newRow("compare: differs")
        << QStringList{"compare", seedInputs(), "--reference", reference} << 1;
    QTest::newRow("compare: the seed's .pt twin")
        << QStringList{"compare", fixture(QStringLiteral("pt/seed_static_cache_v449.pt")),
                       "--reference", reference}
        << 1;
    QTest::newRow("compare: the reference against itself")
        << QStringList{"compare", seedInputs(), "--reference", reference, "--spec", reference} << 0;
    QTest::newRow("compare: no reference") << QStringList{"compare", seedInputs()} << 2;
    QTest::newRow("compare: unknown format")
        << QStringList{"compare", seedInputs(), "--reference", reference, "--format", "xml"} << 2;
    QTest::newRow("compare: missing inputs")
        << QStringList{"compare", analysisFixture("nope.pt"), "--reference", reference} << 2;
    // A spec written in the other layout than --layout is read in its own
    // and carried over, as the app does: compare then finds differences.
    QTest::newRow("compare: --spec in the other layout")
        << QStringList{"compare",  seedInputs(), "--reference",
                       reference,  "--spec",     analysisFixture("spec_with_problems.py"),
                       "--layout", "flat"}
        << 1;
    QTest::newRow("compare: --spec not matching the inputs")
        << QStringList{"compare",     seedInputs(),
                       "--reference", reference,
                       "--spec",      QStringLiteral(DIMSTUDIO_FIXTURES "/cli/extra_key_spec.py")}
        << 2;
    QTest::newRow("check: size-1 dims") << QStringList{"check", seedInputs()} << 1;
    QTest::newRow("check: the reference is clean")
        << QStringList{"check", seedInputs(), "--spec", reference} << 0;
    QTest::newRow("check: problems")
        << QStringList{"check", seedInputs(), "--spec", analysisFixture("spec_with_problems.py")}
        << 1;
    QTest::newRow("check: dynamic_axes spec")
        << QStringList{"check", seedInputs(), "--spec", analysisFixture("seed_dynamic_axes.py")}
        << 0;
    QTest::newRow("check: bad syntax")
        << QStringList{"check", seedInputs(), "--spec", analysisFixture("bad_syntax.py")} << 2;
    QTest::newRow("guess: one file")
        << QStringList{"guess", analysisFixture("guess_set_a.type.txt")} << 2;
    QTest::newRow("guess: missing key")
        << QStringList{"guess", analysisFixture("guess_set_a.type.txt"),
                       analysisFixture("guess_set_no_position_ids.type.txt")}
        << 0;
    QTest::newRow("guess: unknown names")
        << QStringList{"guess", analysisFixture("guess_set_a.type.txt"),
                       analysisFixture("guess_set_b.type.txt"), "--names", "clever"}
        << 2;
}

void AnalysisCliTest::exitCodes() {
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    const CliRun run = runDimStudio(args);
    QVERIFY2(run.exitCode == exitCode,
             qPrintable(QStringLiteral("exit %1\nstdout:\n%2\nstderr:\n%3")
                            .arg(run.exitCode)
                            .arg(run.out, run.err)));
    if (exitCode == 2)
        QVERIFY2(run.err.startsWith(QStringLiteral("dimstudio: error: ")), qPrintable(run.err));
}

void AnalysisCliTest::compareSeedAgainstItsReference() {
    const CliRun run = runDimStudio(
        {"compare", seedInputs(), "--reference", analysisFixture("seed_reference.py")});
    QCOMPARE(run.exitCode, 1);
    const QStringList lines = run.out.split(QLatin1Char('\n'));
    QCOMPARE(
        lines.first(),
        QStringLiteral("same 1, only_here 8, only_reference 0, grouping 6, bounds 0, structure 0"));
    QCOMPARE(run.out.count(QStringLiteral("\nonly_here ")), 8);
    QVERIFY(run.out.contains(QStringLiteral(
        "\nonly_here  attention_mask dim 1       here 'd_1_1'  reference static\n")));
    QVERIFY(run.out.contains(
        QStringLiteral("in the reference 'seq' also covers cache_position dim 0")));
}

void AnalysisCliTest::compareJsonSummary() {
    const CliRun run =
        runDimStudio({"compare", seedInputs(), "--reference", analysisFixture("seed_reference.py"),
                      "--format", "json", "--all"});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(
        run.out.startsWith(QStringLiteral("{\n  \"summary\": {\"same\": 1, \"only_here\": 8, ")));
    const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(report.value("dims").toArray().size(), 15);
    QCOMPARE(report.value("structure").toArray().size(), 0);
    const QJsonObject cacheDim =
        report.value("dims").toArray().at(8).toObject(); // t0: 2 dims, t1: 4, t2: 1
    QCOMPARE(cacheDim.value("path").toString(), QStringLiteral("past_key_values.0.0"));
    QCOMPARE(cacheDim.value("dim").toInt(), 1);
    QCOMPARE(cacheDim.value("status").toString(), QStringLiteral("only_here"));
    QCOMPARE(cacheDim.value("here").toString(), QStringLiteral("d_3_1"));
    QVERIFY(cacheDim.value("reference").isNull());
}

void AnalysisCliTest::compareDynamicAxesReference() {
    // The dynamic_axes form has no bounds: after adopting it the only
    // difference from the seed reference is the bounds of 'batch'.
    const CliRun run =
        runDimStudio({"compare", seedInputs(), "--reference", analysisFixture("seed_reference.py"),
                      "--spec", analysisFixture("seed_dynamic_axes.py"), "--format", "json"});
    QCOMPARE(run.exitCode, 1);
    const QJsonObject summary =
        QJsonDocument::fromJson(run.out.toUtf8()).object().value("summary").toObject();
    QCOMPARE(summary.value("bounds").toInt(), 4);
    QCOMPARE(summary.value("same").toInt(), 11);
}

void AnalysisCliTest::compareReportsSyntaxErrorsWithPosition() {
    const QString bad = analysisFixture("bad_syntax.py");
    const CliRun run = runDimStudio({"compare", seedInputs(), "--reference", bad});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err, QStringLiteral("dimstudio: error: %1: unexpected 'min', expected ',' or ')' "
                                     "(at line 2, column 36)\n")
                          .arg(bad));
}

void AnalysisCliTest::checkSeedAllDynamic() {
    const CliRun run = runDimStudio({"check", seedInputs()});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.out.count(QStringLiteral("specialized_size")), 3);
    QVERIFY(run.out.contains(QStringLiteral(
        "error    specialized_size  past_key_values.1.0 dim 1: 'd_4_1' is dynamic")));
    QVERIFY(run.out.endsWith(QStringLiteral("3 errors, 0 warnings\n")));
}

void AnalysisCliTest::checkJson() {
    const CliRun run = runDimStudio({"check", seedInputs(), "--spec",
                                     analysisFixture("spec_with_problems.py"), "--format", "json"});
    QCOMPARE(run.exitCode, 1);
    const QJsonArray findings =
        QJsonDocument::fromJson(run.out.toUtf8()).object().value("findings").toArray();
    QSet<QString> rules;
    for (const QJsonValue& f : findings)
        rules.insert(f.toObject().value("rule").toString());
    QCOMPARE(rules, QSet<QString>({"specialized_size", "inconsistent_sizes", "out_of_bounds",
                                   "invalid_name", "conflicting_bounds", "bad_derived"}));
    const QJsonObject first = findings.first().toObject();
    QCOMPARE(first.keys().size(), 6);
    QCOMPARE(first.value("path").toString(), QStringLiteral("input_ids"));
    QCOMPARE(first.value("dim").toInt(), 1);
    QCOMPARE(first.value("severity").toString(), QStringLiteral("error"));
}

// A saved object DimStudio cannot flatten, and the quantized part of a real
// QuantizedCache: never a silent None.
void AnalysisCliTest::tensorsNoLayoutPassesAreNamed() {
    const QString unknown = fixture(QStringLiteral("cli/unknown_class.pt"));
    const CliRun spec = runDimStudio({"spec", unknown});
    QCOMPARE(spec.exitCode, 0);
    QVERIFY2(
        spec.err.contains(
            QStringLiteral(
                "dimstudio: warning: %1: userlib.config.Config holds 1 tensor(s) (weights) but is "
                "no pytree node DimStudio knows")
                .arg(unknown)),
        qPrintable(spec.err));
    QVERIFY(spec.err.contains(QStringLiteral("(at config)\n")));
    QVERIFY(spec.out.contains(QStringLiteral("'config': None")));

    const QString quantized = fixture(QStringLiteral("models/llama_quantized/inputs_a.pt"));
    for (const char* layout : {"transformers", "flat", "layers"}) {
        const CliRun check = runDimStudio({"check", quantized, "--layout", layout});
        QVERIFY2(
            check.out.contains(QStringLiteral(
                "warning  unpassed_tensors  past_key_values: "
                "transformers.cache_utils.QuantizedCache keeps 12 tensor(s) outside what any "
                "layout passes (layers[0]._quantized_keys[0], layers[0]._quantized_keys[1].scale")),
            qPrintable(check.out));
    }
    // Sliding-window and static layers keep nothing outside the layers layout.
    const CliRun gemma =
        runDimStudio({"check", fixture(QStringLiteral("models/gemma2_static/inputs_a.pt")),
                      "--layout", "layers"});
    QVERIFY2(!gemma.out.contains(QStringLiteral("unpassed_tensors")), qPrintable(gemma.out));
}

void AnalysisCliTest::guessTwoSets() {
    const CliRun run = runDimStudio({"guess", analysisFixture("guess_set_a.type.txt"),
                                     analysisFixture("guess_set_b.type.txt")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out,
             QStringLiteral(
                 "{'attention_mask': {0: 'd_1_0', 1: 'd_1_1'},\n"
                 " 'input_ids': {0: 'd_0_0', 1: 'd_0_1'},\n"
                 " 'past_key_values': [[{0: 'd_3_0', 2: 'd_3_2'}], [{0: 'd_4_0', 2: 'd_4_2'}]],\n"
                 " 'position_ids': {0: 'd_2_0'}}\n"));
}

void AnalysisCliTest::guessSemanticDynamicAxes() {
    const CliRun run = runDimStudio({"guess", analysisFixture("guess_set_a.type.txt"),
                                     analysisFixture("guess_set_b.type.txt"), "--names", "semantic",
                                     "--format", "dynamic-axes"});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QStringLiteral("{'attention_mask': {0: 'batch', 1: 'seq_1'},\n"
                                     " 'input_ids': {0: 'batch', 1: 'seq'},\n"
                                     " 'past_key_values.0.key': {0: 'batch', 2: 'cache'},\n"
                                     " 'past_key_values.0.value': {0: 'batch', 2: 'cache'},\n"
                                     " 'position_ids': {0: 'seq'}}\n"));
}

void AnalysisCliTest::guessRankMismatchNamesTheFile() {
    const QString rank3 = analysisFixture("guess_set_rank3_ids.type.txt");
    const CliRun run = runDimStudio({"guess", analysisFixture("guess_set_a.type.txt"), rank3});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.startsWith(
                 QStringLiteral("dimstudio: error: %1: rank 3 (3, 4, 1) here, rank 2 (2, 3) in ")
                     .arg(rank3)),
             qPrintable(run.err));
    QVERIFY(run.err.endsWith(QStringLiteral("(at input_ids)\n")));
}

void AnalysisCliTest::usageListsTheCommands() {
    const CliRun run = runDimStudio({"--help"});
    QCOMPARE(run.exitCode, 0);
    for (const char* command :
         {"dimstudio compare FILE", "dimstudio check FILE", "dimstudio guess FILE FILE..."})
        QVERIFY2(run.out.contains(QLatin1String(command)), command);
}

QTEST_GUILESS_MAIN(AnalysisCliTest)
#include "tst_analysiscli.moc"
