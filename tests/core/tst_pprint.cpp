#include "FixtureFiles.h"
#include "text/PrettyPrinter.h"
#include "text/PythonLiteralParser.h"
#include "text/PythonRepr.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace ds;

// pprint must be byte-identical to Python's: the oracle is a corpus written by
// Python's own pprint (tests/fixtures/make_pprint_cases.py).
class PprintTest : public QObject {
    Q_OBJECT
private slots:
    void matchesPythonPprint_data();
    void matchesPythonPprint();
    void wrapsOnlyWhenTooWide();
    void continuationLinesFollowAStartColumn();
    void decimalDigitsMatchQtsNumbers_data();
    void decimalDigitsMatchQtsNumbers();
};

void PprintTest::matchesPythonPprint_data() {
    QTest::addColumn<QString>("literal");
    QTest::addColumn<int>("width");
    QTest::addColumn<QString>("expected");
    QFile f(fixtures::path(QStringLiteral("pprint/cases.json")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonArray cases = QJsonDocument::fromJson(f.readAll()).array();
    QVERIFY(cases.size() >= 60);
    for (const QJsonValue& c : cases) {
        const QJsonObject o = c.toObject();
        QTest::newRow(qPrintable(o.value(QStringLiteral("name")).toString()))
            << o.value(QStringLiteral("literal")).toString()
            << o.value(QStringLiteral("width")).toInt()
            << o.value(QStringLiteral("pprint")).toString();
    }
}

void PprintTest::matchesPythonPprint() {
    QFETCH(QString, literal);
    QFETCH(int, width);
    QFETCH(QString, expected);
    auto value = text::parsePythonLiteral(literal);
    QVERIFY2(value.ok(), qPrintable(value.ok() ? QString() : value.error().toString()));
    QCOMPARE(text::pythonPformat(*value.value(), width), expected);
}

void PprintTest::wrapsOnlyWhenTooWide() {
    auto shortValue = text::parsePythonLiteral(QStringLiteral("{'b': {0: 'x'}, 'a': [{0: 'y'}]}"));
    QVERIFY(shortValue.ok());
    QCOMPARE(text::pythonPformat(*shortValue.value()),
             QStringLiteral("{'a': [{0: 'y'}], 'b': {0: 'x'}}"));
    auto longValue =
        text::parsePythonLiteral(QStringLiteral("{'input_ids': {0: 'batch', 1: 'sequence_length'}, "
                                                "'attention_mask': {0: 'batch', 1: 'total'}}"));
    QVERIFY(longValue.ok());
    QCOMPARE(text::pythonPformat(*longValue.value()),
             QStringLiteral("{'attention_mask': {0: 'batch', 1: 'total'},\n"
                            " 'input_ids': {0: 'batch', 1: 'sequence_length'}}"));
}

void PprintTest::continuationLinesFollowAStartColumn() {
    auto value = text::parsePythonLiteral(QStringLiteral(
        "{'aaaaaaaaaaaaaaaa': 1, 'bbbbbbbbbbbbbbbbbbbbbbbbbb': 2, 'cccccccccccccccccccc': 3}"));
    QVERIFY(value.ok());
    // As if preceded by "dynamic_shapes = " (17 columns).
    QCOMPARE(text::pythonPformat(*value.value(), 80, 17),
             QStringLiteral("{'aaaaaaaaaaaaaaaa': 1,\n"
                            "                  'bbbbbbbbbbbbbbbbbbbbbbbbbb': 2,\n"
                            "                  'cccccccccccccccccccc': 3}"));
}

// writeDecimal prints every int of a spec (dims, sizes); Qt's own formatting
// is the reference, extremes included.
void PprintTest::decimalDigitsMatchQtsNumbers_data() {
    QTest::addColumn<qint64>("value");
    QTest::newRow("zero") << qint64(0);
    QTest::newRow("one digit") << qint64(7);
    QTest::newRow("minus one") << qint64(-1);
    QTest::newRow("powers of ten") << qint64(1000000);
    QTest::newRow("negative") << qint64(-40960);
    QTest::newRow("int64 max") << std::numeric_limits<qint64>::max();
    QTest::newRow("int64 min") << std::numeric_limits<qint64>::min();
}

void PprintTest::decimalDigitsMatchQtsNumbers() {
    QFETCH(qint64, value);
    char digits[20];
    const int n = text::writeDecimal(value, digits);
    QCOMPARE(QString::fromLatin1(digits, n), QString::number(value));
}

QTEST_GUILESS_MAIN(PprintTest)
#include "tst_pprint.moc"
