// Saved exported programs (torch.export.save, torch 2.14's PT2 archive and
// torch 2.6's older layout, fixtures/exported) read without running anything:
// every user input's name, pytree path, sizes and ranges are what torch itself
// said of the same program (recorded by make_exported.py), and `dimstudio diff`
// tells each dimension's fate. Hostile archives end in one located line.
#include "CliRunner.h"
#include "FixtureFiles.h"
#include "exported/ExportedArtifact.h"
#include "exported/ExportedProgramReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace ds;

namespace {

QString exportedFixture(const QString& name) {
    return fixtures::path(QStringLiteral("exported/") + name);
}

QJsonObject readJson(const QString& name) {
    QFile f(exportedFixture(name));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

QString specFor(const QString& name, const QString& version) {
    const QString own = QStringLiteral("%1.%2.spec.json").arg(name, version);
    return QFile::exists(exportedFixture(own))
               ? exportedFixture(own)
               : exportedFixture(name + QStringLiteral(".spec.json"));
}

} // namespace

class ExportedProgramTest : public QObject {
    Q_OBJECT
private slots:
    void inputsAreWhatTorchSaid_data();
    void inputsAreWhatTorchSaid();
    void sreprBecomesTorchsText();
    void diffOfAProgramThatKeptEverything();
    void everyDimensionAsAsked_data();
    void everyDimensionAsAsked();
    void diffNamesSpecializedDimensions();
    void onnxInputsAreWhatTheModelSays_data();
    void onnxInputsAreWhatTheModelSays();
    void onnxLinesUpByFlatNames();
    void notAnArtifactIsOneLine();
    void hostileArchivesEndInOneLine_data();
    void hostileArchivesEndInOneLine();
};

void ExportedProgramTest::inputsAreWhatTorchSaid_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("version");
    for (const char* name : {"llama", "llama_auto", "bart", "toy_dict"})
        for (const char* version : {"t214", "t26"})
            QTest::newRow(qPrintable(
                QStringLiteral("%1.%2").arg(QLatin1String(name), QLatin1String(version))))
                << QString::fromLatin1(name) << QString::fromLatin1(version);
}

void ExportedProgramTest::inputsAreWhatTorchSaid() {
    QFETCH(QString, name);
    QFETCH(QString, version);
    const QJsonObject expected = readJson(QStringLiteral("%1.%2.expected.json").arg(name, version));
    QVERIFY(!expected.isEmpty());
    auto read = exported::readExportedProgram(
        exportedFixture(QStringLiteral("%1.%2.pt2").arg(name, version)));
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().toString()));
    const exported::ExportedShapes& shapes = read.value();
    const QJsonArray inputs = expected.value("user_inputs").toArray();
    QCOMPARE(int(shapes.inputs.size()), inputs.size());
    const QJsonObject ranges = expected.value("range_constraints").toObject();
    for (int i = 0; i < inputs.size(); ++i) {
        const QJsonObject want = inputs.at(i).toObject();
        const exported::ExportedInput& got = shapes.inputs[size_t(i)];
        QCOMPARE(got.name, want.value("name").toString());
        const QString path = want.value("kwarg_path").toString();
        if (got.pathIsPositional) // below a cache: positions where torch had keys
            QVERIFY2(path.startsWith(got.path.left(got.path.indexOf(QLatin1String("][")) + 1)),
                     qPrintable(got.path + QLatin1String(" vs ") + path));
        else
            QCOMPARE(got.path, path);
        const QJsonArray shape = want.value("shape").toArray();
        QCOMPARE(int(got.dims.size()), shape.size());
        for (int d = 0; d < shape.size(); ++d) {
            const exported::ExportedSize& size = got.dims[size_t(d)];
            if (shape.at(d).isDouble()) {
                QVERIFY(size.constant);
                QCOMPARE(size.value, qint64(shape.at(d).toDouble()));
                continue;
            }
            QVERIFY(!size.constant);
            QCOMPARE(size.expr, shape.at(d).toString());
            // The example's size, as the archive records it.
            QCOMPARE(size.hint, std::optional<qint64>(qint64(
                                    want.value("example_shape").toArray().at(d).toDouble())));
            // torch's range_constraints holds derived expressions too.
            const QJsonArray range = ranges.value(size.expr).toArray();
            QVERIFY2(!range.isEmpty(), qPrintable(size.expr));
            QCOMPARE(size.min, std::optional<qint64>(qint64(range.at(0).toDouble())));
            QCOMPARE(size.max, range.at(1).isNull()
                                   ? std::optional<qint64>()
                                   : std::optional<qint64>(qint64(range.at(1).toDouble())));
        }
    }
}

void ExportedProgramTest::sreprBecomesTorchsText() {
    QCOMPARE(exported::exprFromSrepr(QStringLiteral("Symbol('s23', positive=True, integer=True)")),
             QStringLiteral("s23"));
    QCOMPARE(exported::exprFromSrepr(
                 QStringLiteral("Mul(Integer(2), Symbol('s34', positive=True, integer=True))")),
             QStringLiteral("2*s34"));
    QCOMPARE(exported::exprFromSrepr(
                 QStringLiteral("Add(Integer(-1), Mul(Integer(2), Symbol('s0', positive=True)))")),
             QStringLiteral("2*s0 - 1"));
    QCOMPARE(exported::exprFromSrepr(QStringLiteral("s0 + 1")), QStringLiteral("s0 + 1"));
}

void ExportedProgramTest::diffOfAProgramThatKeptEverything() {
    const CliRun run = runDimStudio({"diff", exportedFixture("llama.inputs.pt"), "--spec",
                                     specFor("llama", "t214"), "--exported",
                                     exportedFixture("llama.t214.pt2"), "--format", "json"});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QVERIFY(report.value("summary").toObject().value("clean").toBool());
    const QJsonArray dims = report.value("dims").toArray();
    QCOMPARE(dims.size(), 14);
    const QJsonObject cacheLength = dims.at(8).toObject(); // key_cache 0, dim 2
    QCOMPARE(cacheLength.value("input").toString(), QStringLiteral("past_key_values_key_cache_0"));
    QCOMPARE(cacheLength.value("status").toString(), QStringLiteral("kept"));
    for (const char* key :
         {"path", "dim", "input", "status", "requested", "exported", "min", "max"})
        QVERIFY2(cacheLength.contains(QLatin1String(key)), key);
}

// Programs exported with the spec they were asked: every dimension kept or
// static as asked, in both torch versions, caches and plain dicts alike.
void ExportedProgramTest::everyDimensionAsAsked_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("version");
    for (const char* name : {"llama", "bart", "toy_dict"})
        for (const char* version : {"t214", "t26"})
            QTest::newRow(qPrintable(
                QStringLiteral("%1.%2").arg(QLatin1String(name), QLatin1String(version))))
                << QString::fromLatin1(name) << QString::fromLatin1(version);
}

void ExportedProgramTest::everyDimensionAsAsked() {
    QFETCH(QString, name);
    QFETCH(QString, version);
    const CliRun run = runDimStudio(
        {"diff", exportedFixture(name + QStringLiteral(".inputs.pt")), "--spec",
         specFor(name, version), "--exported",
         exportedFixture(QStringLiteral("%1.%2.pt2").arg(name, version)), "--format", "json"});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8()).object();
    const QJsonObject summary = report.value("summary").toObject();
    QVERIFY(summary.value("clean").toBool());
    QCOMPARE(summary.value("matched_by").toString(), QStringLiteral("pytree path"));
    for (const QJsonValue& row : report.value("dims").toArray()) {
        const QString status = row.toObject().value("status").toString();
        QVERIFY2(status == QLatin1String("kept") || status == QLatin1String("static"),
                 qPrintable(status));
    }
}

void ExportedProgramTest::diffNamesSpecializedDimensions() {
    for (const char* version : {"t214", "t26"}) {
        const CliRun run =
            runDimStudio({"diff", exportedFixture("llama_auto.inputs.pt"), "--spec",
                          specFor("llama_auto", version), "--exported",
                          exportedFixture(QStringLiteral("llama_auto.%1.pt2").arg(version))});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains(QStringLiteral(
                     "specialized  past_key_values.0.0 dim 3  asked Dim.AUTO  exported 8")),
                 qPrintable(run.out));
        QVERIFY(run.out.startsWith(QStringLiteral("kept 10, specialized 2,")));
    }
}

void ExportedProgramTest::onnxInputsAreWhatTheModelSays_data() {
    QTest::addColumn<QString>("name");
    // llama_external's weights file is deliberately missing: never opened.
    for (const char* name : {"llama", "llama_external", "toy_dict", "toy_dict.torchscript"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void ExportedProgramTest::onnxInputsAreWhatTheModelSays() {
    QFETCH(QString, name);
    const QJsonObject expected = readJson(name + QStringLiteral(".onnx.expected.json"));
    auto read = exported::readExportedArtifact(exportedFixture(name + QStringLiteral(".onnx")));
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().toString()));
    QVERIFY(!read.value().hasRanges);
    const QJsonArray inputs = expected.value("inputs").toArray();
    QCOMPARE(int(read.value().inputs.size()), inputs.size());
    for (int i = 0; i < inputs.size(); ++i) {
        const exported::ExportedInput& got = read.value().inputs[size_t(i)];
        const QJsonObject want = inputs.at(i).toObject();
        QCOMPARE(got.name, want.value("name").toString());
        const QJsonArray dims = want.value("dims").toArray();
        QCOMPARE(int(got.dims.size()), dims.size());
        for (int d = 0; d < dims.size(); ++d) {
            if (dims.at(d).isDouble())
                QCOMPARE(got.dims[size_t(d)].value, qint64(dims.at(d).toDouble()));
            else
                QCOMPARE(got.dims[size_t(d)].expr, dims.at(d).toString());
        }
    }
}

void ExportedProgramTest::onnxLinesUpByFlatNames() {
    const CliRun run = runDimStudio({"diff", exportedFixture("llama.inputs.pt"), "--spec",
                                     specFor("llama", "t214"), "--exported",
                                     exportedFixture("llama.onnx"), "--format", "json"});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject summary =
        QJsonDocument::fromJson(run.out.toUtf8()).object().value("summary").toObject();
    QCOMPARE(summary.value("matched_by").toString(), QStringLiteral("flat input name"));
    QCOMPARE(summary.value("kept").toInt(), 10);
    const QJsonArray dims =
        QJsonDocument::fromJson(run.out.toUtf8()).object().value("dims").toArray();
    QCOMPARE(dims.at(8).toObject().value("input").toString(),
             QStringLiteral("past_key_values_key_cache_0"));
    QCOMPARE(dims.at(8).toObject().value("exported").toString(), QStringLiteral("cache"));
}

void ExportedProgramTest::notAnArtifactIsOneLine() {
    const QString inputs = exportedFixture("toy_dict.inputs.pt");
    const CliRun run =
        runDimStudio({"diff", inputs, "--spec", exportedFixture("toy_dict.spec.json"), "--exported",
                      exportedFixture("toy_dict.spec.json")});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err, QStringLiteral("dimstudio: error: %1: neither a saved exported program (a "
                                     ".pt2 zip archive) nor an ONNX model (at byte 0)\n")
                          .arg(exportedFixture("toy_dict.spec.json")));
}

void ExportedProgramTest::hostileArchivesEndInOneLine_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("schema") << "hostile_schema99.pt2" << 2
                            << "schema version 99.20: DimStudio reads version 8.x";
    QTest::newRow("nesting") << "hostile_nesting.pt2" << 2 << "too deeply nested";
    QTest::newRow("unbound") << "hostile_unbound_symbol.pt2" << 2
                             << "symbol s33 has no range in range_constraints (at input x dim 0)";
    QTest::newRow("truncated") << "hostile_truncated.pt2" << 2 << "not a saved exported program";
    QTest::newRow("bad path") << "hostile_bad_path.pt2" << 1
                              << "structure  ['extra']['a']: no exported input stands for it";
}

void ExportedProgramTest::hostileArchivesEndInOneLine() {
    QFETCH(QString, file);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const CliRun run =
        runDimStudio({"diff", exportedFixture("toy_dict.inputs.pt"), "--spec",
                      exportedFixture("toy_dict.spec.json"), "--exported", exportedFixture(file)});
    QCOMPARE(run.exitCode, exitCode);
    if (exitCode == 2) {
        QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(
            run.err.startsWith(QStringLiteral("dimstudio: error: %1: ").arg(exportedFixture(file))),
            qPrintable(run.err));
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
    } else {
        QVERIFY2(run.out.contains(message), qPrintable(run.out));
    }
}

QTEST_GUILESS_MAIN(ExportedProgramTest)
#include "tst_exportedprogram.moc"
