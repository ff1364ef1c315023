// Parity with onnx-diagnostic 0.9.3 on real inputs of transformers 5.12 models
// saved by torch 2.14 and 2.6 (fixtures/models, fixtures/structures): for every
// file, the type string, the values, and the all-dynamic spec in each layout
// are onnx-diagnostic's own output byte for byte (X.<what>.txt), or, where
// onnx-diagnostic fails or is wrong, the answer computed from torch's pytree
// under DimStudio's runner registration (X.<what>.dimstudio.txt, written by
// make_dimstudio_expected.py; README "Choices" says which and why).
#include "FixtureFiles.h"
#include "formats/InputFormats.h"
#include "pt/TensorValues.h"
#include "session/Session.h"
#include "text/TypeString.h"

#include <QDirIterator>
#include <QtTest>

using namespace ds;

namespace {

struct Output {
    const char* what;   // the expected file's middle part
    const char* layout; // nullptr: a type string
    bool values;
};

const Output kOutputs[] = {
    {"type", nullptr, false},           {"values", nullptr, true},
    {"pprint", "flat", false},          {"transformers.pprint", "transformers", false},
    {"layers.pprint", "layers", false},
};

// Every saved input file of the folders that hold onnx-diagnostic's outputs.
QStringList parityFiles() {
    QStringList files;
    for (const QString& folder : {QStringLiteral("models"), QStringLiteral("structures")}) {
        QDirIterator it(fixtures::path(folder), {QStringLiteral("*.pt")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            files << it.next();
    }
    files.sort();
    return files;
}

QString readFile(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

QString relative(const QString& path) {
    return QDir(fixtures::path(QString())).relativeFilePath(path);
}

} // namespace

class ModelParityTest : public QObject {
    Q_OBJECT
private slots:
    void matchesOnnxDiagnosticOrTheDocumentedChoice_data();
    void matchesOnnxDiagnosticOrTheDocumentedChoice();
    void typeStringsReadBack_data();
    void typeStringsReadBack();
    void everyFamilyAndTorchVersionIsThere();
    void choicesAreOnlyWhereOnnxDiagnosticFailsOrIsWrong();
};

void ModelParityTest::matchesOnnxDiagnosticOrTheDocumentedChoice_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("output");
    for (const QString& file : parityFiles())
        for (int i = 0; i < int(std::size(kOutputs)); ++i)
            QTest::newRow(
                qPrintable(relative(file) + QLatin1Char(' ') + QLatin1String(kOutputs[i].what)))
                << file << i;
}

void ModelParityTest::matchesOnnxDiagnosticOrTheDocumentedChoice() {
    QFETCH(QString, file);
    QFETCH(int, output);
    const Output& out = kOutputs[output];
    const QString base = file.chopped(3) + QLatin1Char('.') + QLatin1String(out.what);
    QString expected = readFile(base + QStringLiteral(".dimstudio.txt"));
    if (expected.isEmpty())
        expected = readFile(base + QStringLiteral(".txt"));
    // The generators record transformers' own registration only where a cache is.
    if (expected.isEmpty() && QLatin1String(out.what) == QLatin1String("transformers.pprint") &&
        !QFile::exists(base + QStringLiteral(".error.txt")) &&
        file.contains(QLatin1String("/structures/")))
        QSKIP("no cache: the transformers layout is the flat one");
    QVERIFY2(!expected.isEmpty(),
             qPrintable(QStringLiteral("neither %1.txt nor %1.dimstudio.txt").arg(relative(base))));

    auto loaded = formats::openInputs(file);
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().toString()));
    QVERIFY2(loaded.value().warnings.isEmpty(), qPrintable(loaded.value().warnings.join('\n')));
    QString actual;
    if (!out.layout) {
        text::TypeStringOptions options;
        if (out.values) {
            auto suffix = pt::makeValueSuffixProvider(file);
            QVERIFY2(suffix.ok(), qPrintable(suffix.ok() ? QString() : suffix.error().toString()));
            options.tensorSuffix = suffix.value();
            options.scalarValues = true;
        }
        actual = text::typeString(*loaded.value().root, options) + QLatin1Char('\n');
    } else {
        const auto layout = caches::layoutFromName(QLatin1String(out.layout));
        QVERIFY(layout.has_value());
        const session::Session session(loaded.value(), *layout);
        actual = session.specText(spec::SpecFormat::Pprint);
    }
    QCOMPARE(actual, expected);
}

// What onnx-diagnostic (or DimStudio where it differs) printed, pasted back
// as a type string: the same text, and the same spec in the layouts a type
// string can say (it shows no int counters, so the layers layout may lack them).
void ModelParityTest::typeStringsReadBack_data() {
    QTest::addColumn<QString>("file");
    for (const QString& file : parityFiles()) {
        const QString base = file.chopped(3);
        const QString type = QFile::exists(base + QStringLiteral(".type.dimstudio.txt"))
                                 ? base + QStringLiteral(".type.dimstudio.txt")
                                 : base + QStringLiteral(".type.txt");
        // 1 and '1' both print as 1; an OrderedDict's keys are not printed.
        const QString text = readFile(type);
        if (text.isEmpty() || file.contains(QLatin1String("mixed_keys")) ||
            text.contains(QLatin1String("OrderedDict[serialized]")))
            continue;
        QTest::newRow(qPrintable(relative(type))) << type;
    }
}

void ModelParityTest::typeStringsReadBack() {
    QFETCH(QString, file);
    auto typed = formats::openInputs(file);
    QVERIFY2(typed.ok(), qPrintable(typed.ok() ? QString() : typed.error().toString()));
    QCOMPARE(text::typeString(*typed.value().root) + QLatin1Char('\n'), readFile(file));
    const QString saved = file.left(file.indexOf(QLatin1String(".type."))) + QStringLiteral(".pt");
    auto loaded = formats::openInputs(saved);
    QVERIFY(loaded.ok());
    for (const auto layout : {caches::CacheLayout::Transformers, caches::CacheLayout::Flat}) {
        const session::Session fromText(typed.value(), layout);
        const session::Session fromFile(loaded.value(), layout);
        QCOMPARE(fromText.specText(spec::SpecFormat::Pprint),
                 fromFile.specText(spec::SpecFormat::Pprint));
    }
}

// The generators ran for every family, both sets, and both torch versions.
void ModelParityTest::everyFamilyAndTorchVersionIsThere() {
    const QStringList families = QDir(fixtures::path(QStringLiteral("models")))
                                     .entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QVERIFY2(families.size() >= 19, qPrintable(families.join(' ')));
    for (const QString& family : families)
        for (const char* name : {"inputs_a.pt", "inputs_b.pt", "inputs_a.t26.pt"})
            QVERIFY2(QFile::exists(fixtures::path(
                         QStringLiteral("models/%1/%2").arg(family, QLatin1String(name)))),
                     qPrintable(family + QLatin1Char('/') + QLatin1String(name)));
}

// A *.dimstudio.txt replaces onnx-diagnostic's output only where it raised,
// or where its text differs (make_dimstudio_expected.py writes no copy of
// what onnx-diagnostic already says), and only for the inputs README's
// "Choices" names: layered or quantized caches, caches transformers does not
// register, OrderedDicts. Never for a plain DynamicCache.
void ModelParityTest::choicesAreOnlyWhereOnnxDiagnosticFailsOrIsWrong() {
    int choices = 0, odOutputs = 0;
    for (const QString& file : parityFiles()) {
        for (const Output& out : kOutputs) {
            const QString base = file.chopped(3) + QLatin1Char('.') + QLatin1String(out.what);
            const QString choice = readFile(base + QStringLiteral(".dimstudio.txt"));
            const QString od = readFile(base + QStringLiteral(".txt"));
            if (QLatin1String(out.what) != QLatin1String("layers.pprint"))
                odOutputs += od.isEmpty() ? 0 : 1;
            if (choice.isEmpty())
                continue;
            ++choices;
            QVERIFY2(choice != od, qPrintable(relative(base)));
            // What onnx-diagnostic itself printed of the inputs, or its error.
            const QString odType = readFile(file.chopped(3) + QStringLiteral(".type.txt"));
            const bool documented =
                QFile::exists(base + QStringLiteral(".error.txt")) ||
                QFile::exists(file.chopped(3) + QStringLiteral(".type.error.txt")) ||
                QRegularExpression(QStringLiteral("Layer\\(|StaticCache\\(|EncoderDecoderCache\\(|"
                                                  "OrderedDict\\[serialized\\]"))
                    .match(odType)
                    .hasMatch();
            QVERIFY2(documented, qPrintable(relative(base)));
        }
    }
    qInfo("%d outputs of onnx-diagnostic matched or replaced, %d documented choices", odOutputs,
          choices);
    QVERIFY(odOutputs > 100);
}

QTEST_GUILESS_MAIN(ModelParityTest)
#include "tst_model_parity.moc"
