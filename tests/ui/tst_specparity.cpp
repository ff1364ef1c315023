// One way in: the same spec file read by the app (File > Open spec) and by
// `dimstudio spec --spec` gives the same spec, byte for byte, whatever layout
// the file is written in and whatever layout the result is written in, and
// for a legacy dynamic_axes mapping too.
#include "CliRunner.h"
#include "SpecFiles.h"
#include "UiTestSupport.h"

#include <QtTest>

using namespace ds;

class SpecParityTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolateSettings(); }
    void appAndCommandLineReadTheSameSpec_data();
    void appAndCommandLineReadTheSameSpec();
};

void SpecParityTest::appAndCommandLineReadTheSameSpec_data() {
    QTest::addColumn<QString>("inputs");
    QTest::addColumn<QString>("specFile");
    QTest::addColumn<QString>("layout");
    QTest::addColumn<QString>("format");
    const QString threeLayers = uitest::fixture(QStringLiteral("pt/dynamic_cache_v454_3layers.pt"));
    const struct {
        const char* name;
        QString inputs;
        QString spec;
    } specs[] = {
        {"flat python", threeLayers, uitest::fixture("cli/three_layers_flat_spec.py")},
        {"transformers python", threeLayers,
         uitest::fixture("cli/three_layers_transformers_spec.py")},
        {"flat json", threeLayers, uitest::fixture("cli/three_layers_flat_spec.json")},
        {"dynamic_axes", threeLayers, uitest::fixture("cli/three_layers_dynamic_axes.py")},
        {"seed reference", uitest::seedInputs(), uitest::seedReference()},
        {"seed dynamic_axes", uitest::seedInputs(),
         uitest::fixture("analysis/seed_dynamic_axes.py")},
    };
    for (const auto& s : specs)
        for (const char* layout : {"transformers", "flat"})
            for (const char* format : {"json", "pprint"})
                QTest::newRow(qPrintable(QStringLiteral("%1, %2, %3").arg(s.name, layout, format)))
                    << s.inputs << s.spec << layout << format;
}

void SpecParityTest::appAndCommandLineReadTheSameSpec() {
    QFETCH(QString, inputs);
    QFETCH(QString, specFile);
    QFETCH(QString, layout);
    QFETCH(QString, format);

    auto window = uitest::openWindow(inputs);
    QVERIFY(window->specFiles().openSpec(specFile).ok());
    auto& context = window->context();
    context.setOutputLayout(*caches::layoutFromName(layout));
    const QString inApp = context.specText(*spec::formatFromName(format));

    const CliRun run = runDimStudio({QStringLiteral("spec"), inputs, QStringLiteral("--spec"),
                                     specFile, QStringLiteral("--layout"), layout,
                                     QStringLiteral("--format"), format});
    QCOMPARE(run.err, QString());
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(inApp, run.out);
    // Not the all-dynamic spec the app starts from: the file was really read.
    QVERIFY(!inApp.contains(QStringLiteral("d_0_0")));
}

QTEST_MAIN(SpecParityTest)
#include "tst_specparity.moc"
