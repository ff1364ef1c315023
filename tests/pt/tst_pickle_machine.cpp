#include "FixtureFiles.h"
#include "ValueDump.h"
#include "pt/PickleMachine.h"
#include "pt/PickleMemoReads.h"
#include "pt/TorchInterpreter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace ds;
using namespace ds::pt;

// The pickle stack machine against pickles Python itself wrote (protocols 0
// to 5, tests/fixtures/pickles/cases.json) and hand-made opcode sequences.
class PickleMachineTest : public QObject {
    Q_OBJECT
private slots:
    void readsWhatPythonWrote_data();
    void readsWhatPythonWrote();
    void sharedReferencesStayShared();
    void memoSlotsMayBeFarApartAndReused();
    void memoReadsAreFoundOrNotGuessed();
    void reportsBytesConsumed();
    void unknownClassesWarnOnce();
    void limitsAreEnforced_data();
    void limitsAreEnforced();
    void errorsNameTheByte();
};

namespace {

Status noStorage(const StorageInfo&) {
    return Error(QStringLiteral("no storages here"));
}

Result<PickleOutcome> run(const QByteArray& bytes, TorchInterpreter& interpreter,
                          const PickleLimits& limits = {}) {
    return runPickle(bytes.constData(), bytes.size(), PickleSource{QStringLiteral("test.pkl"), 0},
                     interpreter, limits);
}

} // namespace

void PickleMachineTest::readsWhatPythonWrote_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    const auto cases =
        QJsonDocument::fromJson(fixtures::readText(QStringLiteral("pickles/cases.json")).toUtf8())
            .array();
    QVERIFY(cases.size() >= 30);
    for (const auto& c : cases) {
        const QJsonObject o = c.toObject();
        QTest::newRow(qPrintable(o.value(QLatin1String("name")).toString()))
            << QByteArray::fromHex(o.value(QLatin1String("hex")).toString().toLatin1())
            << o.value(QLatin1String("expected")).toString();
    }
}

void PickleMachineTest::readsWhatPythonWrote() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    PickleLimits limits;
    TorchInterpreter interpreter(noStorage, limits);
    auto outcome = run(bytes, interpreter, limits);
    QVERIFY2(outcome.ok(), qPrintable(outcome.ok() ? QString() : outcome.error().toString()));
    QCOMPARE(fixtures::dump(*outcome.value().root), expected);
}

void PickleMachineTest::sharedReferencesStayShared() {
    // x = [1]; (x, x) in protocol 2: EMPTY_LIST BINPUT 0 ... BINGET 0 TUPLE2
    const QByteArray bytes = QByteArray::fromHex("80025d71004b01616800862e");
    PickleLimits limits;
    TorchInterpreter interpreter(noStorage, limits);
    auto outcome = run(bytes, interpreter, limits);
    QVERIFY(outcome.ok());
    const auto& root = outcome.value().root;
    QCOMPARE(root->size(), 2);
    QCOMPARE(root->at(0).get(), root->at(1).get());
}

void PickleMachineTest::memoSlotsMayBeFarApartAndReused() {
    // (None PUT 100000, 1 PUT 0, 2 PUT 0 again, MEMOIZE -> slot 2 as len(memo)
    // is 2, then GET 100000, GET 0, GET 2): Python reads (None, 1, 2, None, 2, 2).
    const QByteArray bytes =
        QByteArray::fromHex("8002284e72a08601004b0171004b027100946aa086010068006802742e");
    PickleLimits limits;
    TorchInterpreter interpreter(noStorage, limits);
    auto outcome = run(bytes, interpreter, limits);
    QVERIFY2(outcome.ok(), qPrintable(outcome.ok() ? QString() : outcome.error().toString()));
    QCOMPARE(fixtures::dump(*outcome.value().root), QStringLiteral("(None, 1, 2, None, 2, 2)"));
}

void PickleMachineTest::memoReadsAreFoundOrNotGuessed() {
    // x = [1]; (x, x): slot 0 is put and read back.
    const auto reads = findMemoReads("\x80\x02]q\x00K\x01ah\x00\x86.", 12);
    QVERIFY(reads);
    QVERIFY(reads->isRead(0));
    QVERIFY(!reads->isRead(1));
    // MEMOIZE numbers slots by the memo's size: no guess, every slot is kept.
    QVERIFY(!findMemoReads("\x80\x04N\x94.", 5));
    // A string running past the end, and no STOP: the reader reports those.
    QVERIFY(!findMemoReads("\x80\x02X\x10\x00\x00\x00ab.", 10));
    QVERIFY(!findMemoReads("\x80\x02N", 3));
}

void PickleMachineTest::reportsBytesConsumed() {
    PickleLimits limits;
    TorchInterpreter interpreter(noStorage, limits);
    auto outcome = run(QByteArray("\x80\x02N.trailing", 12), interpreter, limits);
    QVERIFY(outcome.ok());
    QCOMPARE(outcome.value().consumed, qint64(4));
}

void PickleMachineTest::unknownClassesWarnOnce() {
    // Two objects of one unknown class, one of a transformers cache.
    const QByteArray thing = QByteArray("cuserlib\nThing\n)") + char(0x81);
    const QByteArray bytes = QByteArray::fromHex("8002") + "(" + thing + thing +
                             "ctransformers.cache_utils\nDynamicCache\n)" + char(0x81) + "t.";
    PickleLimits limits;
    TorchInterpreter interpreter(noStorage, limits);
    auto outcome = run(bytes, interpreter, limits);
    QVERIFY(outcome.ok());
    QCOMPARE(interpreter.warnings().size(), 1);
    QVERIFY(interpreter.warnings().first().contains(QLatin1String("userlib.Thing")));
}

void PickleMachineTest::limitsAreEnforced_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("stack") << QByteArray("\x80\x02") + QByteArray(20, 'N') + "."
                           << "stack grows beyond 10";
    QTest::newRow("values") << QByteArray("\x80\x02") + QByteArray("N0", 2).repeated(60) + "N."
                            << "more than 50 values";
    QTest::newRow("memo") << QByteArray("\x80\x02N") + QByteArray("\x94", 1).repeated(30) + "."
                          << "memo grows beyond 20";
    QTest::newRow("string") << QByteArray::fromHex("80025840000000") + QByteArray(64, 'a') + "."
                            << "more than the limit of 32";
    QTest::newRow("depth") << QByteArray("\x80\x02]") + QByteArray(8, '\x85') + "."
                           << "nested more than 5 levels";
    QTest::newRow("marks") << QByteArray("\x80\x02") + QByteArray(8, '(') + "N."
                           << "more than 4 MARKs";
}

void PickleMachineTest::limitsAreEnforced() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    PickleLimits limits;
    limits.maxStackSize = 10;
    limits.maxValues = 50;
    limits.maxMemoEntries = 20;
    limits.maxStringBytes = 32;
    limits.maxDepth = 5;
    limits.maxMarks = 4;
    TorchInterpreter interpreter(noStorage, limits);
    auto outcome = run(bytes, interpreter, limits);
    QVERIFY(!outcome.ok());
    QVERIFY2(outcome.error().message.contains(expected), qPrintable(outcome.error().toString()));
}

void PickleMachineTest::errorsNameTheByte() {
    PickleLimits limits;
    TorchInterpreter interpreter(noStorage, limits);
    auto outcome = runPickle("\x80\x02NN\xfe", 5, PickleSource{QStringLiteral("x/data.pkl"), 100},
                             interpreter, limits);
    QVERIFY(!outcome.ok());
    QCOMPARE(outcome.error().where, QStringLiteral("byte 104 of x/data.pkl"));
}

QTEST_GUILESS_MAIN(PickleMachineTest)
#include "tst_pickle_machine.moc"
