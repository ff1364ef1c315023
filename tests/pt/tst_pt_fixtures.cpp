#include "FixtureFiles.h"
#include "caches/CacheLayout.h"
#include "formats/InputFormats.h"
#include "spec/ExportTree.h"
#include "spec/ShapeSpec.h"
#include "spec/SpecWriters.h"
#include "text/TypeString.h"

#include <QtTest>

using namespace ds;

// Every real torch.save fixture opens, and what DimStudio shows for it is
// byte-identical to what Python printed for the same objects.
class PtFixturesTest : public QObject {
    Q_OBJECT
private slots:
    void opensWithPythonsTypeString_data();
    void opensWithPythonsTypeString();
    void allDynamicMatchesPython_data();
    void allDynamicMatchesPython();
    void tensorsKnowWhereTheirBytesAre();
    void sharedTensorsStayShared();
    void legacyTensorsPointIntoTheFile();
    void parametersAreMarked();
    void cachesNeedNoWarnings();
    void bareStoragesKeepTheirFields_data();
    void bareStoragesKeepTheirFields();
    void zip64RecordsOpen();
};

void PtFixturesTest::opensWithPythonsTypeString_data() {
    QTest::addColumn<QString>("file");
    const QStringList files = fixtures::savedFiles(QStringLiteral("pt"));
    QVERIFY(files.size() >= 40);
    for (const QString& f : files)
        QTest::newRow(qPrintable(f)) << f;
}

void PtFixturesTest::opensWithPythonsTypeString() {
    QFETCH(QString, file);
    auto loaded = formats::openInputs(fixtures::path(QStringLiteral("pt/") + file));
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().toString()));
    const QString expected =
        fixtures::readText(QStringLiteral("pt/%1.type.txt").arg(fixtures::stem(file))).trimmed();
    QCOMPARE(text::typeString(*loaded.value().root), expected);
    QVERIFY(loaded.value().format == QLatin1String("torch-zip") ||
            loaded.value().format == QLatin1String("torch-legacy"));
}

void PtFixturesTest::allDynamicMatchesPython_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("layout");
    for (const QString& f : fixtures::savedFiles(QStringLiteral("pt")))
        for (const char* layout : {"transformers", "flat"})
            QTest::addRow("%s/%s", qPrintable(f), layout) << f << QString::fromLatin1(layout);
}

void PtFixturesTest::allDynamicMatchesPython() {
    QFETCH(QString, file);
    QFETCH(QString, layout);
    auto loaded = formats::openInputs(fixtures::path(QStringLiteral("pt/") + file));
    QVERIFY(loaded.ok());
    const spec::ExportTree tree(loaded.value().root, *caches::layoutFromName(layout));
    const QString expected =
        fixtures::readText(QStringLiteral("pt/%1.%2.pprint.txt").arg(fixtures::stem(file), layout));
    QCOMPARE(writeSpec(spec::SpecFormat::Pprint, tree, spec::ShapeSpec::allDynamic(tree)),
             expected);
}

namespace {

// Tensors in depth-first order (items, then constructor arguments).
void collectTensors(const InputValue::Ptr& v, std::vector<InputValue::Ptr>& out) {
    if (!v)
        return;
    if (v->kind() == ValueKind::Tensor)
        out.push_back(v);
    for (const auto& item : v->items())
        collectTensors(item, out);
}

} // namespace

void PtFixturesTest::tensorsKnowWhereTheirBytesAre() {
    auto loaded = formats::openInputs(fixtures::path(QStringLiteral("pt/storage_offset.pt")));
    QVERIFY(loaded.ok());
    std::vector<InputValue::Ptr> tensors;
    collectTensors(loaded.value().root, tensors);
    QVERIFY(!tensors.empty());
    for (const auto& t : tensors) {
        const TensorInfo& info = t->tensorInfo();
        QVERIFY(!info.storageKey.isEmpty());
        QVERIFY(info.storageBytes > 0);
        QCOMPARE(info.stride.size(), info.shape.size());
        QCOMPARE(info.device, QStringLiteral("cpu"));
        QCOMPARE(info.storageFileOffset, qint64(-1));
    }
    // x[1:] and x[:, 1] both start past element 0.
    bool someOffset = false;
    for (const auto& t : tensors)
        someOffset = someOffset || t->tensorInfo().storageOffset > 0;
    QVERIFY(someOffset);
}

void PtFixturesTest::sharedTensorsStayShared() {
    auto loaded = formats::openInputs(fixtures::path(QStringLiteral("pt/shared_tensor.pt")));
    QVERIFY(loaded.ok());
    std::vector<InputValue::Ptr> tensors;
    collectTensors(loaded.value().root, tensors);
    QCOMPARE(int(tensors.size()), 3);
    QCOMPARE(tensors[0].get(), tensors[1].get());
    QCOMPARE(tensors[1].get(), tensors[2].get());
}

void PtFixturesTest::legacyTensorsPointIntoTheFile() {
    const QString file = fixtures::path(QStringLiteral("pt/legacy_format_dict.pt"));
    auto loaded = formats::openInputs(file);
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().toString()));
    QCOMPARE(loaded.value().format, QStringLiteral("torch-legacy"));
    std::vector<InputValue::Ptr> tensors;
    collectTensors(loaded.value().root, tensors);
    QVERIFY(!tensors.empty());
    const qint64 size = QFileInfo(file).size();
    for (const auto& t : tensors) {
        const TensorInfo& info = t->tensorInfo();
        QVERIFY(info.storageFileOffset > 0);
        QVERIFY(info.storageFileOffset + info.storageBytes <= size);
    }
}

void PtFixturesTest::parametersAreMarked() {
    auto loaded = formats::openInputs(fixtures::path(QStringLiteral("pt/parameters.pt")));
    QVERIFY(loaded.ok());
    std::vector<InputValue::Ptr> tensors;
    collectTensors(loaded.value().root, tensors);
    int parameters = 0, requiringGrad = 0;
    for (const auto& t : tensors) {
        parameters += t->tensorInfo().isParameter;
        requiringGrad += t->tensorInfo().requiresGrad;
    }
    QCOMPARE(parameters, 2);
    QCOMPARE(requiringGrad, 2);
}

void PtFixturesTest::cachesNeedNoWarnings() {
    for (const QString& f : fixtures::savedFiles(QStringLiteral("pt"))) {
        auto loaded = formats::openInputs(fixtures::path(QStringLiteral("pt/") + f));
        QVERIFY(loaded.ok());
        QVERIFY2(
            loaded.value().warnings.isEmpty(),
            qPrintable(f + QStringLiteral(": ") + loaded.value().warnings.join(QLatin1Char('\n'))));
    }
}

// A storage saved by itself (tests/fixtures/cli/make_cli_fixtures.py) is an
// object with the fields of its persistent id; the reader writes them only
// for storages the result holds (TorchInterpreter::describeStorages).
void PtFixturesTest::bareStoragesKeepTheirFields_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("className");
    QTest::addColumn<qint64>("size");
    QTest::newRow("zip") << "cli/bare_storage.pt"
                         << "torch.FloatStorage" << qint64(3);
    QTest::newRow("legacy") << "cli/bare_storage_legacy.pt"
                            << "torch.LongStorage" << qint64(5);
}

void PtFixturesTest::bareStoragesKeepTheirFields() {
    QFETCH(QString, file);
    QFETCH(QString, className);
    QFETCH(qint64, size);
    auto loaded = formats::openInputs(fixtures::path(file));
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().toString()));
    const InputValue::Ptr& root = loaded.value().root;
    const InputValue::Ptr storage =
        root->kind() == ValueKind::Dict ? root->value(Key::str(QStringLiteral("s"))) : root->at(0);
    QVERIFY(storage);
    QCOMPARE(storage->kind(), ValueKind::Object);
    QCOMPARE(storage->className(), className);
    QCOMPARE(storage->size(), 3);
    QVERIFY(!storage->field(QStringLiteral("key"))->scalar().toString().isEmpty());
    QCOMPARE(storage->field(QStringLiteral("location"))->scalar().toString(),
             QStringLiteral("cpu"));
    QCOMPARE(storage->field(QStringLiteral("size"))->scalar().toLongLong(), size);
}

// Sizes and offsets in ZIP64 extra fields, counts in the ZIP64 end record
// with the 32-bit one deferring to it (tests/fixtures/cli/make_cli_fixtures.py).
void PtFixturesTest::zip64RecordsOpen() {
    auto loaded = formats::openInputs(fixtures::path(QStringLiteral("cli/zip64_everywhere.pt")));
    QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().toString()));
    QCOMPARE(text::typeString(*loaded.value().root), QStringLiteral("dict(x:T1s2x3,y:#1[T7s4])"));
    std::vector<InputValue::Ptr> tensors;
    collectTensors(loaded.value().root, tensors);
    QCOMPARE(tensors.size(), size_t(2));
    QCOMPARE(tensors[0]->tensorInfo().storageBytes, qint64(6 * 4));
    QCOMPARE(tensors[1]->tensorInfo().storageBytes, qint64(4 * 8));
}

QTEST_GUILESS_MAIN(PtFixturesTest)
#include "tst_pt_fixtures.moc"
