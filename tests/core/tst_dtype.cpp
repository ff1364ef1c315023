#include "DType.h"

#include <QtTest>

using namespace ds;

// The dtype table: torch names, ONNX codes and storage classes agree.
class DTypeTest : public QObject {
    Q_OBJECT
private slots:
    void table_data();
    void table();
    void aliasesAndUnknowns();
};

void DTypeTest::table_data() {
    QTest::addColumn<QString>("torch");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("storage");
    QTest::addColumn<int>("size");
    QTest::newRow("float32") << "float32" << 1 << "FloatStorage" << 4;
    QTest::newRow("uint8") << "uint8" << 2 << "ByteStorage" << 1;
    QTest::newRow("int8") << "int8" << 3 << "CharStorage" << 1;
    QTest::newRow("int16") << "int16" << 5 << "ShortStorage" << 2;
    QTest::newRow("int32") << "int32" << 6 << "IntStorage" << 4;
    QTest::newRow("int64") << "int64" << 7 << "LongStorage" << 8;
    QTest::newRow("bool") << "bool" << 9 << "BoolStorage" << 1;
    QTest::newRow("float16") << "float16" << 10 << "HalfStorage" << 2;
    QTest::newRow("float64") << "float64" << 11 << "DoubleStorage" << 8;
    QTest::newRow("complex64") << "complex64" << 14 << "ComplexFloatStorage" << 8;
    QTest::newRow("complex128") << "complex128" << 15 << "ComplexDoubleStorage" << 16;
    QTest::newRow("bfloat16") << "bfloat16" << 16 << "BFloat16Storage" << 2;
    QTest::newRow("float8_e4m3fn") << "float8_e4m3fn" << 17 << "" << 1;
    QTest::newRow("float8_e5m2fnuz") << "float8_e5m2fnuz" << 20 << "" << 1;
    QTest::newRow("int4") << "int4" << 22 << "" << 0;
}

void DTypeTest::table() {
    QFETCH(QString, torch);
    QFETCH(int, code);
    QFETCH(QString, storage);
    QFETCH(int, size);
    const DType t = dtypeFromTorchName(torch);
    QCOMPARE(onnxCode(t), code);
    QCOMPARE(dtypeFromOnnxCode(code), t);
    QCOMPARE(torchName(t), torch);
    QCOMPARE(elementSize(t), size);
    QCOMPARE(dtypeFromTorchName(QStringLiteral("torch.") + torch), t);
    if (!storage.isEmpty())
        QCOMPARE(dtypeFromStorageClass(QStringLiteral("torch.") + storage), t);
}

void DTypeTest::aliasesAndUnknowns() {
    QCOMPARE(dtypeFromTorchName(QStringLiteral("torch.long")), DType::Int64);
    QCOMPARE(dtypeFromTorchName(QStringLiteral("half")), DType::Float16);
    QCOMPARE(dtypeFromTorchName(QStringLiteral("float")), DType::Float32);
    QCOMPARE(dtypeFromTorchName(QStringLiteral("quint8")), DType::Unknown);
    QCOMPARE(dtypeFromOnnxCode(0), DType::Unknown);
    QCOMPARE(dtypeFromOnnxCode(23), DType::Unknown);
    QCOMPARE(dtypeFromStorageClass(QStringLiteral("UntypedStorage")), DType::Unknown);
}

QTEST_GUILESS_MAIN(DTypeTest)
#include "tst_dtype.moc"
