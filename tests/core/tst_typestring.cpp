#include "text/TypeString.h"

#include <QtTest>

using namespace ds;

class TypeStringTest : public QObject {
    Q_OBJECT
private slots:
    void roundTrip_data();
    void roundTrip();
};

void TypeStringTest::roundTrip_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("tensor") << "T7s2x3";
}

void TypeStringTest::roundTrip() {
    QFETCH(QString, text);
    auto parsed = parseTypeString(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().toString()));
    QCOMPARE(typeString(*parsed.value()), text);
}

QTEST_GUILESS_MAIN(TypeStringTest)
#include "tst_typestring.moc"
