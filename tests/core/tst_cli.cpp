#include "CliRunner.h"
#include "FixtureFiles.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

// The command line end to end: the seed's outputs byte for byte, every
// format, and errors that name the file and the place with exit code 2.
class CliTest : public QObject {
    Q_OBJECT
private slots:
    void inspectPrintsSeedTypeString_data();
    void inspectPrintsSeedTypeString();
    void specPrintsSeedBlock_data();
    void specPrintsSeedBlock();
    void everyFormatRuns_data();
    void everyFormatRuns();
    void savedJsonSpecRoundTrips();
    void pythonSpecIsApplied();
    void badInputExitsTwoWithFileAndPlace_data();
    void badInputExitsTwoWithFileAndPlace();
    void unknownClassesOpenWithAWarning();
    void versionAndHelp();
    void withoutADisplayTheWindowIsAnError();
    void longOutputKeepsCharactersWhole();
};

namespace {

const QString kSeedDynamicType = QStringLiteral(
    "dict(input_ids:T7s2x3,attention_mask:T7s2x33,position_ids:T7s3,past_key_values:DynamicCache("
    "key_cache=#1[T1s2x1x30x96], value_cache=#1[T1s2x1x30x96]))\n");
const QString kSeedDynamicSpec =
    QStringLiteral("{'attention_mask': {0: 'd_1_0', 1: 'd_1_1'},\n"
                   " 'input_ids': {0: 'd_0_0', 1: 'd_0_1'},\n"
                   " 'past_key_values': [[{0: 'd_3_0', 1: 'd_3_1', 2: 'd_3_2', 3: 'd_3_3'}],\n"
                   "                     [{0: 'd_4_0', 1: 'd_4_1', 2: 'd_4_2', 3: 'd_4_3'}]],\n"
                   " 'position_ids': {0: 'd_2_0'}}\n");
const QString kSeedStaticType =
    QStringLiteral("dict(input_ids:T7s2x3,attention_mask:T9s2x1x3x96,cache_position:T7s3,past_key_"
                   "values:StaticCache("
                   "key_cache=#1[T1s2x1x96x96], value_cache=#1[T1s2x1x96x96]))\n");
const QString kSeedStaticSpec =
    QStringLiteral("{'attention_mask': {0: 'd_1_0', 1: 'd_1_1', 2: 'd_1_2', 3: 'd_1_3'},\n"
                   " 'cache_position': {0: 'd_2_0'},\n"
                   " 'input_ids': {0: 'd_0_0', 1: 'd_0_1'},\n"
                   " 'past_key_values': [[{0: 'd_3_0', 1: 'd_3_1', 2: 'd_3_2', 3: 'd_3_3'}],\n"
                   "                     [{0: 'd_4_0', 1: 'd_4_1', 2: 'd_4_2', 3: 'd_4_3'}]]}\n");

} // namespace

void CliTest::inspectPrintsSeedTypeString_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    QTest::newRow("seed DynamicCache, type string")
        << "cli/seed_dynamic_cache.txt" << kSeedDynamicType;
    QTest::newRow("seed DynamicCache, JSON") << "cli/seed_dynamic_cache.json" << kSeedDynamicType;
    QTest::newRow("seed StaticCache") << "cli/seed_static_cache.txt" << kSeedStaticType;
}

void CliTest::inspectPrintsSeedTypeString() {
    QFETCH(QString, file);
    QFETCH(QString, expected);
    const CliRun run = runDimStudio({QStringLiteral("inspect"), fixtures::path(file)});
    QCOMPARE(run.err, QString());
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, expected);
}

void CliTest::specPrintsSeedBlock_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    QTest::newRow("seed DynamicCache") << "cli/seed_dynamic_cache.txt" << kSeedDynamicSpec;
    QTest::newRow("seed DynamicCache, JSON") << "cli/seed_dynamic_cache.json" << kSeedDynamicSpec;
    QTest::newRow("seed StaticCache") << "cli/seed_static_cache.txt" << kSeedStaticSpec;
}

void CliTest::specPrintsSeedBlock() {
    QFETCH(QString, file);
    QFETCH(QString, expected);
    const CliRun run = runDimStudio({QStringLiteral("spec"), fixtures::path(file)});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, expected);
}

void CliTest::everyFormatRuns_data() {
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("mustContain");
    QTest::newRow("flat layout")
        << QStringList{"--layout", "flat"}
        << "'past_key_values': [{0: 'd_3_0', 1: 'd_3_1', 2: 'd_3_2', 3: 'd_3_3'},";
    QTest::newRow("json") << QStringList{"--format", "json"} << "\"dimstudio_spec\": 1";
    QTest::newRow("python") << QStringList{"--format", "python"} << "d_0_0 = Dim('d_0_0')\n";
    QTest::newRow("onnx-dynamo") << QStringList{"--format", "onnx-dynamo"}
                                 << "'input_ids': {0: 'd_0_0', 1: 'd_0_1'}";
    QTest::newRow("dynamic-axes") << QStringList{"--format", "dynamic-axes"}
                                  << " 'past_key_values.0.value': {0: 'd_4_0',";
}

void CliTest::everyFormatRuns() {
    QFETCH(QStringList, options);
    QFETCH(QString, mustContain);
    const CliRun run =
        runDimStudio(QStringList{QStringLiteral("spec"),
                                 fixtures::path(QStringLiteral("cli/seed_dynamic_cache.txt"))} +
                     options);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(mustContain), qPrintable(run.out));
}

void CliTest::savedJsonSpecRoundTrips() {
    QTemporaryDir dir;
    const QString input = fixtures::path(QStringLiteral("cli/seed_dynamic_cache.txt"));
    const CliRun json =
        runDimStudio({QStringLiteral("spec"), input, QStringLiteral("--format"),
                      QStringLiteral("json"), QStringLiteral("--layout"), QStringLiteral("flat")});
    QCOMPARE(json.exitCode, 0);
    QFile saved(dir.filePath(QStringLiteral("spec.json")));
    QVERIFY(saved.open(QIODevice::WriteOnly));
    saved.write(json.out.toUtf8());
    saved.close();
    // The saved layout is used without --layout.
    const CliRun back =
        runDimStudio({QStringLiteral("spec"), input, QStringLiteral("--spec"), saved.fileName()});
    QCOMPARE(back.exitCode, 0);
    const CliRun direct = runDimStudio(
        {QStringLiteral("spec"), input, QStringLiteral("--layout"), QStringLiteral("flat")});
    QCOMPARE(back.out, direct.out);
}

void CliTest::pythonSpecIsApplied() {
    const CliRun run = runDimStudio(
        {QStringLiteral("spec"), fixtures::path(QStringLiteral("cli/seed_static_cache.txt")),
         QStringLiteral("--spec"), fixtures::path(QStringLiteral("cli/seed_reference.py"))});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, fixtures::readText(QStringLiteral("cli/seed_reference.py")));
}

void CliTest::badInputExitsTwoWithFileAndPlace_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("error");
    const QString truncated = fixtures::path(QStringLiteral("cli/truncated.txt"));
    const QString badDtype = fixtures::path(QStringLiteral("cli/bad_dtype.json"));
    const QString dynamicSeed = fixtures::path(QStringLiteral("cli/seed_dynamic_cache.txt"));
    const QString extraKey = fixtures::path(QStringLiteral("cli/extra_key_spec.py"));
    QTest::newRow("truncated type string")
        << QStringList{"inspect", truncated}
        << "dimstudio: error: " + truncated +
               ": unexpected end of text, expected ')' (at column 30)\n";
    QTest::newRow("bad dtype in JSON")
        << QStringList{"spec", badDtype}
        << "dimstudio: error: " + badDtype + ": unknown dtype 'float99' (at value.a)\n";
    QTest::newRow("missing file") << QStringList{"inspect", "/nonexistent/inputs.pt"}
                                  << "dimstudio: error: /nonexistent/inputs.pt: no such file\n";
    QTest::newRow("spec with an extra key")
        << QStringList{"spec", dynamicSeed, "--spec", extraKey}
        << "dimstudio: error: " + extraKey +
               ": the spec does not match the inputs: extra key 'extra': the inputs have no such "
               "key (at extra)\n";
    QTest::newRow("unknown format")
        << QStringList{"spec", dynamicSeed, "--format", "yaml"}
        << "dimstudio: error: unknown format 'yaml' (expected pprint, json, python, "
           "onnx-dynamo, dynamic-axes)\n";
    QTest::newRow("unknown layout")
        << QStringList{"spec", dynamicSeed, "--layout", "zigzag"}
        << "dimstudio: error: unknown layout 'zigzag' (expected transformers, flat or layers)\n";
    QTest::newRow("unknown option") << QStringList{"spec", dynamicSeed, "--bogus"}
                                    << "dimstudio: error: Unknown option 'bogus'.\n";
}

void CliTest::badInputExitsTwoWithFileAndPlace() {
    QFETCH(QStringList, args);
    QFETCH(QString, error);
    const CliRun run = runDimStudio(args);
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err, error);
    QCOMPARE(run.out, QString());
}

void CliTest::unknownClassesOpenWithAWarning() {
    // A real torch.save file holding a user class (tests/fixtures/cli/make_cli_fixtures.py).
    const QString file = fixtures::path(QStringLiteral("cli/unknown_class.pt"));
    const CliRun run = runDimStudio({QStringLiteral("inspect"), file});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QStringLiteral("dict(x:T1s2,config:Config(scale=int, weights=T1s3))\n"));
    QCOMPARE(run.err, QStringLiteral("dimstudio: warning: %1: unrecognised class "
                                     "userlib.config.Config: shown as a description of its "
                                     "pickled state\n")
                          .arg(file));
    // torch.export cannot flatten it: the spec holds None there.
    const CliRun spec = runDimStudio({QStringLiteral("spec"), file});
    QCOMPARE(spec.exitCode, 0);
    QCOMPARE(spec.out, QStringLiteral("{'config': None, 'x': {0: 'd_0_0'}}\n"));
}

void CliTest::versionAndHelp() {
    const CliRun version = runDimStudio({QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.out.startsWith(QLatin1String("dimstudio ")));
    const CliRun help = runDimStudio({QStringLiteral("spec"), QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains(QLatin1String("--layout")));
}

// Without a display, a mistyped command and a window that cannot open end in
// one line and exit 2, not in Qt's platform-plugin abort.
void CliTest::withoutADisplayTheWindowIsAnError() {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    const CliRun typo = runDimStudio({QStringLiteral("verfy"), QStringLiteral("x.pt")}, env);
    QCOMPARE(typo.exitCode, 2);
    QCOMPARE(typo.err,
             QStringLiteral("dimstudio: error: 'verfy' is neither a dimstudio command nor a file; "
                            "'dimstudio --help' lists the commands (at argument 1)\n"));
    const CliRun window =
        runDimStudio({fixtures::path(QStringLiteral("pt/seed_static_cache_v449.pt"))}, env);
    QCOMPARE(window.exitCode, 2);
    QVERIFY2(
        window.err.startsWith(QStringLiteral("dimstudio: error: no display to open the window on")),
        qPrintable(window.err));
    QCOMPARE(window.err.count(QLatin1Char('\n')), 1);
}

// The command line writes its output in slices of 65,536 UTF-16 units
// (CommandLine.cpp): a spec whose keys are emoji must still come out as
// valid UTF-8, with no pair of surrogates cut at a slice's end.
void CliTest::longOutputKeepsCharactersWhole() {
    QJsonArray entries;
    const QString face = QString::fromUtf8("\xF0\x9F\x98\x80"); // U+1F600, two UTF-16 units
    for (int i = 0; i < 2000; ++i)
        entries.append(QJsonArray{
            QLatin1Char('a') + face.repeated(18) + QString::number(i),
            QJsonObject{{QStringLiteral("tensor"),
                         QJsonObject{{QStringLiteral("dtype"), QStringLiteral("float32")},
                                     {QStringLiteral("shape"), QJsonArray{2}}}}}});
    const QJsonObject inputs{
        {QStringLiteral("dimstudio_inputs"), 1},
        {QStringLiteral("value"), QJsonObject{{QStringLiteral("dict"), entries}}}};
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("emoji.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(inputs).toJson(QJsonDocument::Compact));
    file.close();

    const CliRun run = runDimStudio({QStringLiteral("spec"), file.fileName()});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.size() > 65536);
    QVERIFY2(run.out.at(65536).isLowSurrogate(), "the fixture must put a pair on the slice edge");
    QVERIFY(!run.out.contains(QChar(QChar::ReplacementCharacter)));
    QCOMPARE(run.out.count(face), 2000 * 18);
}

QTEST_GUILESS_MAIN(CliTest)
#include "tst_cli.moc"
