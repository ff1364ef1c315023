#include "FixtureFiles.h"
#include "formats/InputFormats.h"
#include "pt/TensorDataModule.h"
#include "pt/TensorValues.h"
#include "text/PythonRepr.h"

#include <QtTest>

#include <cstring>

using namespace ds;

// Tensor values on demand through the LibTorch module: the with_min_max text
// equals what onnx-diagnostic prints in Python for the same tensors
// (tests/fixtures/values, made by make_value_fixtures.py), and numbers are
// formatted exactly as Python's repr.
class PtValuesTest : public QObject {
    Q_OBJECT
private slots:
    void floatsPrintAsPythonRepr();
    void complexPrintsAsPythonRepr();
    void moduleLoads();
    void minMaxMatchesPython_data();
    void minMaxMatchesPython();
    void readsOnlyTheView();
    void newerTorchOpcodes();
    void providerMarksUnreadableTensors();
    void executableDoesNotLinkLibTorch();
};

namespace {

double fromHexBits(const QString& hex) {
    const quint64 bits = hex.toULongLong(nullptr, 16);
    double d;
    std::memcpy(&d, &bits, sizeof d);
    return d;
}

void collectTensors(const InputValue::Ptr& v, std::vector<InputValue::Ptr>& out) {
    if (!v)
        return;
    if (v->kind() == ValueKind::Tensor)
        out.push_back(v);
    for (const auto& item : v->items())
        collectTensors(item, out);
}

QString shapeText(const TensorInfo& t) {
    QStringList dims;
    for (qint64 d : t.shape)
        dims << QString::number(d);
    return QStringLiteral("T%1s%2").arg(onnxCode(t.dtype)).arg(dims.join(QLatin1Char('x')));
}

} // namespace

void PtValuesTest::floatsPrintAsPythonRepr() {
    const QStringList lines = fixtures::readText(QStringLiteral("values/float_repr.txt"))
                                  .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(lines.size() > 500);
    for (const QString& line : lines) {
        const QStringList parts = line.split(QLatin1Char(' '));
        QCOMPARE(text::pythonFloatRepr(fromHexBits(parts[0])), parts[1]);
    }
}

void PtValuesTest::complexPrintsAsPythonRepr() {
    const QStringList lines = fixtures::readText(QStringLiteral("values/complex_repr.txt"))
                                  .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(lines.size() >= 10);
    for (const QString& line : lines) {
        const QStringList parts = line.split(QLatin1Char(' '));
        QCOMPARE(text::pythonComplexRepr(fromHexBits(parts[0]), fromHexBits(parts[1])), parts[2]);
    }
}

void PtValuesTest::moduleLoads() {
    auto module = pt::TensorDataModule::instance();
    QVERIFY2(module.ok(), qPrintable(module.ok() ? QString() : module.error().toString()));
    QVERIFY(module.value()->path().contains(QLatin1String("dimstudio_tensordata")));
}

void PtValuesTest::minMaxMatchesPython_data() {
    QTest::addColumn<QString>("file");
    const QStringList files = fixtures::savedFiles(QStringLiteral("values"));
    QVERIFY(files.size() >= 7);
    for (const QString& f : files)
        QTest::newRow(qPrintable(f)) << f;
}

void PtValuesTest::minMaxMatchesPython() {
    QFETCH(QString, file);
    const QString path = fixtures::path(QStringLiteral("values/") + file);
    auto loaded = formats::openInputs(path);
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().toString()));
    auto suffix = pt::makeValueSuffixProvider(path);
    QVERIFY2(suffix.ok(), qPrintable(suffix.ok() ? QString() : suffix.error().toString()));
    std::vector<InputValue::Ptr> tensors;
    collectTensors(loaded.value().root, tensors);
    const QStringList expected =
        fixtures::readText(QStringLiteral("values/%1.minmax.txt").arg(fixtures::stem(file)))
            .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(int(tensors.size()), expected.size());
    for (size_t i = 0; i < tensors.size(); ++i) {
        const TensorInfo& t = tensors[i]->tensorInfo();
        QCOMPARE(shapeText(t) + suffix.value()(t), expected[int(i)]);
    }
}

void PtValuesTest::readsOnlyTheView() {
    // A column of a 6x8 matrix starting at element 3: the summary must equal
    // the one of the same values saved on their own.
    const QString path = fixtures::path(QStringLiteral("values/views.pt"));
    auto loaded = formats::openInputs(path);
    QVERIFY(loaded.ok());
    auto reader = pt::TensorValueReader::open(path);
    QVERIFY(reader.ok());
    const auto column = loaded.value().root->value(Key::str(QStringLiteral("column")));
    QVERIFY(column);
    QCOMPARE(column->tensorInfo().storageOffset, qint64(3));
    auto stats = reader.value()->stats(column->tensorInfo());
    QVERIFY(stats.ok());
    QCOMPARE(stats.value().numel, qint64(6));
    QCOMPARE(stats.value().preview.size(), 6);
}

void PtValuesTest::newerTorchOpcodes() {
    auto loaded = formats::openInputs(fixtures::path(QStringLiteral("values/torch2_style.pt")));
    QVERIFY(loaded.ok());
    const auto& root = loaded.value().root;
    const auto field = [&](const char* name) {
        return root->value(Key::str(QString::fromLatin1(name)))->tensorInfo();
    };
    QCOMPARE(field("half_v3").dtype, DType::Float16);
    QCOMPARE(field("half_v3").storageBytes, qint64(12));
    QVERIFY(field("subclass_param").isParameter);
    QVERIFY(field("subclass_param").requiresGrad);
    QVERIFY(field("param_with_state").isParameter);
    QCOMPARE(field("meta").device, QStringLiteral("meta"));
    QVERIFY(field("meta").storageKey.isEmpty());
    QCOMPARE(field("quantized").dtype, DType::Int8);
    QCOMPARE(loaded.value().warnings.size(), 2);
}

void PtValuesTest::providerMarksUnreadableTensors() {
    const QString path = fixtures::path(QStringLiteral("values/dtypes.pt"));
    auto suffix = pt::makeValueSuffixProvider(path);
    QVERIFY(suffix.ok());
    TensorInfo meta;
    meta.shape = {2, 3};
    meta.stride = {3, 1};
    meta.device = QStringLiteral("meta");
    QCOMPARE(suffix.value()(meta), QStringLiteral("[?]"));
    TensorInfo outside;
    outside.shape = {1000};
    outside.stride = {1};
    outside.storageKey = QStringLiteral("0");
    outside.storageBytes = 48;
    QCOMPARE(suffix.value()(outside), QStringLiteral("[?]"));
    auto missing = pt::makeValueSuffixProvider(QStringLiteral("/nonexistent.pt"));
    QVERIFY(!missing.ok());
}

void PtValuesTest::executableDoesNotLinkLibTorch() {
    const QString binary = QStringLiteral(DIMSTUDIO_BINARY);
    if (!QFileInfo::exists(binary))
        QSKIP("the dimstudio executable is not built");
    QProcess ldd;
    ldd.start(QStringLiteral("ldd"), {binary});
    QVERIFY(ldd.waitForFinished(30000));
    const QString libraries = QString::fromLocal8Bit(ldd.readAllStandardOutput());
    QVERIFY(!libraries.isEmpty());
    QVERIFY2(!libraries.contains(QLatin1String("libtorch")), qPrintable(libraries));
    QVERIFY(!libraries.contains(QLatin1String("libc10")));
}

QTEST_GUILESS_MAIN(PtValuesTest)
#include "tst_pt_values.moc"
