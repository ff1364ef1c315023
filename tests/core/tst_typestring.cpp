#include "FixtureFiles.h"
#include "text/TypeString.h"

#include <QtTest>

using namespace ds;

// Rendering rules of formats.md §1, parse round trips and parse errors.
class TypeStringTest : public QObject {
    Q_OBJECT
private slots:
    void rendersEachRule_data();
    void rendersEachRule();
    void roundTripsHandWritten_data();
    void roundTripsHandWritten();
    void roundTripsEveryFixture_data();
    void roundTripsEveryFixture();
    void elidedListsComeBackWithAllItems();
    void parseErrorsNameTheColumn_data();
    void parseErrorsNameTheColumn();
    void rendersSuffixAfterEachTensor();
};

namespace {

InputValue::Ptr tensor(DType t, std::vector<qint64> shape) {
    TensorInfo info;
    info.dtype = t;
    info.shape = std::move(shape);
    return InputValue::tensor(info);
}

std::vector<InputValue::Ptr> tensors(int n) {
    std::vector<InputValue::Ptr> items;
    for (int i = 0; i < n; ++i)
        items.push_back(tensor(DType::Float32, {qint64(i + 1)}));
    return items;
}

InputValue::Ptr cacheOldEra(const QString& cls, int layers) {
    auto cache = InputValue::object(QStringLiteral("transformers.cache_utils.") + cls);
    auto keys = InputValue::list(), values = InputValue::list();
    for (int i = 0; i < layers; ++i) {
        keys->append(tensor(DType::Float32, {2, 1, 30, 96}));
        values->append(tensor(DType::Float32, {2, 1, 30, 96}));
    }
    cache->setField(QStringLiteral("_seen_tokens"), InputValue::integer(0));
    cache->setField(QStringLiteral("key_cache"), keys);
    cache->setField(QStringLiteral("value_cache"), values);
    return cache;
}

InputValue::Ptr layer(const QString& cls, std::vector<qint64> shape) {
    auto l = InputValue::object(QStringLiteral("transformers.cache_utils.") + cls);
    l->setField(QStringLiteral("keys"), tensor(DType::Float32, shape));
    l->setField(QStringLiteral("values"), tensor(DType::Float32, shape));
    l->setField(QStringLiteral("is_initialized"), InputValue::boolean(true));
    return l;
}

InputValue::Ptr cacheNewEra(std::vector<InputValue::Ptr> layers) {
    auto cache = InputValue::object(QStringLiteral("transformers.cache_utils.DynamicCache"));
    cache->setField(QStringLiteral("layers"), InputValue::list(std::move(layers)));
    cache->setField(QStringLiteral("offloading"), InputValue::boolean(false));
    return cache;
}

} // namespace

void TypeStringTest::rendersEachRule_data() {
    QTest::addColumn<InputValue::Ptr>("value");
    QTest::addColumn<QString>("expected");

    QTest::newRow("tensor int64") << tensor(DType::Int64, {2, 3}) << "T7s2x3";
    QTest::newRow("0-d tensor") << tensor(DType::Float32, {}) << "T1s";
    QTest::newRow("size-0 dim") << tensor(DType::Float16, {0, 4}) << "T10s0x4";
    QTest::newRow("bfloat16") << tensor(DType::BFloat16, {1}) << "T16s1";
    QTest::newRow("empty list") << InputValue::list() << "#0[]";
    QTest::newRow("list of 2") << InputValue::list(tensors(2)) << "#2[T1s1,T1s2]";
    QTest::newRow("list of 19") << InputValue::list(tensors(19))
                                << "#19[T1s1,T1s2,T1s3,T1s4,T1s5,T1s6,T1s7,T1s8,T1s9,T1s10,T1s11,"
                                   "T1s12,T1s13,T1s14,T1s15,T1s16,T1s17,T1s18,T1s19]";
    QTest::newRow("list of 20") << InputValue::list(tensors(20)) << "#20[T1s1,...]";
    QTest::newRow("empty tuple") << InputValue::tuple() << "()";
    QTest::newRow("tuple of 1") << InputValue::tuple(tensors(1)) << "(T1s1,)";
    QTest::newRow("tuple of 2") << InputValue::tuple(tensors(2)) << "(T1s1,T1s2)";
    QTest::newRow("tuple of 25") << InputValue::tuple(tensors(25)) << "#25(T1s1,...)";
    QTest::newRow("empty dict") << InputValue::dict() << "{}";
    {
        auto d = InputValue::dict();
        d->insert(Key::str(QStringLiteral("b")), tensor(DType::Int64, {2}));
        d->insert(Key::str(QStringLiteral("a")), InputValue::none());
        QTest::newRow("dict keeps insertion order") << d << "dict(b:T7s2,a:None)";
    }
    {
        auto d = InputValue::dict();
        d->insert(Key::integer(1), tensor(DType::Float32, {1}));
        QTest::newRow("dict with int keys") << d << "{1:T1s1}";
    }
    QTest::newRow("scalars") << InputValue::tuple({InputValue::none(), InputValue::boolean(true),
                                                   InputValue::integer(3),
                                                   InputValue::floating(0.5),
                                                   InputValue::string(QStringLiteral("x"))})
                             << "(None,bool,int,float,str)";
    QTest::newRow("DynamicCache 4.49 era")
        << cacheOldEra(QStringLiteral("DynamicCache"), 1)
        << "DynamicCache(key_cache=#1[T1s2x1x30x96], value_cache=#1[T1s2x1x30x96])";
    QTest::newRow("StaticCache") << cacheOldEra(QStringLiteral("StaticCache"), 2)
                                 << "StaticCache(key_cache=#2[T1s2x1x30x96,T1s2x1x30x96], "
                                    "value_cache=#2[T1s2x1x30x96,T1s2x1x30x96])";
    QTest::newRow("DynamicCache 4.54 plain layers")
        << cacheNewEra({layer(QStringLiteral("DynamicLayer"), {1, 2, 3, 4})})
        << "DynamicCache(key_cache=#1[T1s1x2x3x4], value_cache=#1[T1s1x2x3x4])";
    QTest::newRow("DynamicCache 4.54 sliding layers")
        << cacheNewEra({layer(QStringLiteral("DynamicSlidingWindowLayer"), {1, 2, 16, 8}),
                        layer(QStringLiteral("DynamicLayer"), {1, 2, 3, 8})})
        << "DynamicCache(DynamicSlidingWindowLayer(T1s1x2x16x8, T1s1x2x16x8), "
           "DynamicLayer(T1s1x2x3x8, T1s1x2x3x8))";
    {
        auto ed =
            InputValue::object(QStringLiteral("transformers.cache_utils.EncoderDecoderCache"));
        ed->setField(QStringLiteral("self_attention_cache"),
                     cacheOldEra(QStringLiteral("DynamicCache"), 1));
        ed->setField(QStringLiteral("cross_attention_cache"),
                     cacheOldEra(QStringLiteral("DynamicCache"), 0));
        ed->setField(QStringLiteral("is_updated"), InputValue::dict());
        QTest::newRow("EncoderDecoderCache")
            << ed
            << "EncoderDecoderCache(self_attention_cache=DynamicCache(key_cache=#1[T1s2x1x30x96], "
               "value_cache=#1[T1s2x1x30x96]), cross_attention_cache=DynamicCache(key_cache=#0[], "
               "value_cache=#0[]))";
    }
}

void TypeStringTest::rendersEachRule() {
    QFETCH(InputValue::Ptr, value);
    QFETCH(QString, expected);
    QCOMPARE(text::typeString(*value), expected);
}

void TypeStringTest::roundTripsHandWritten_data() {
    QTest::addColumn<QString>("text");
    const char* cases[] = {
        "T7s2x3",
        "T1s",
        "#0[]",
        "()",
        "{}",
        "(T1s1,)",
        "dict(a:(T1s1,T9s2x2),b:#2[None,int])",
        "{0:T1s1,5:dict(x:str)}",
        "#21[T1s1x2,...]",
        "#20(T7s3,...)",
        "dict(input_ids:T7s2x3,attention_mask:T7s2x33,position_ids:T7s3,past_key_values:"
        "DynamicCache("
        "key_cache=#1[T1s2x1x30x96], value_cache=#1[T1s2x1x30x96]))",
        "DynamicCache(DynamicSlidingWindowLayer(T1s1x2x16x8, T1s1x2x16x8), "
        "DynamicLayer(T1s1x2x3x8, T1s1x2x3x8))",
        "EncoderDecoderCache(self_attention_cache=DynamicCache(key_cache=#0[], value_cache=#0[]), "
        "cross_attention_cache=DynamicCache(key_cache=#1[T10s1x8x4x64], "
        "value_cache=#1[T10s1x8x4x64]))",
    };
    for (const char* c : cases)
        QTest::newRow(c) << QString::fromLatin1(c);
}

void TypeStringTest::roundTripsHandWritten() {
    QFETCH(QString, text);
    auto parsed = text::parseTypeString(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().toString()));
    QCOMPARE(text::typeString(*parsed.value()), text);
}

void TypeStringTest::roundTripsEveryFixture_data() {
    QTest::addColumn<QString>("text");
    const QStringList names = fixtures::ptFixtureNames();
    QVERIFY(names.size() >= 40);
    for (const QString& name : names)
        QTest::newRow(qPrintable(name))
            << fixtures::readText(QStringLiteral("pt/%1.type.txt").arg(name)).trimmed();
}

void TypeStringTest::roundTripsEveryFixture() {
    QFETCH(QString, text);
    auto parsed = text::parseTypeString(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().toString()));
    QCOMPARE(text::typeString(*parsed.value()), text);
}

void TypeStringTest::elidedListsComeBackWithAllItems() {
    auto parsed = text::parseTypeString(QStringLiteral("#25[T1s2x3,...]"));
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value()->kind(), ValueKind::List);
    QCOMPARE(parsed.value()->size(), 25);
    QCOMPARE(parsed.value()->at(24)->tensorInfo().shape, (std::vector<qint64>{2, 3}));
}

void TypeStringTest::parseErrorsNameTheColumn_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("where");
    QTest::newRow("unknown dtype code") << "T99s2"
                                        << "unknown element type code 99"
                                        << "column 2";
    QTest::newRow("missing s") << "T1x2"
                               << "expected 's'"
                               << "column 3";
    QTest::newRow("count mismatch") << "#3[T1s1,T1s1]"
                                    << "#3 announces 3 items but 2 follow"
                                    << "column 2";
    QTest::newRow("elided short list") << "#5[T1s1,...]"
                                       << "only written for 20 items or more"
                                       << "column 2";
    QTest::newRow("unclosed dict") << "dict(a:T1s1"
                                   << "unexpected end of text, expected ')'"
                                   << "column 12";
    QTest::newRow("missing colon") << "dict(a T1s1)"
                                   << "expected ':' after key 'a T1s1'"
                                   << "column 12";
    QTest::newRow("duplicate key") << "dict(a:T1s1,a:T1s2)"
                                   << "key 'a' appears twice"
                                   << "column 13";
    QTest::newRow("one-tuple without comma") << "(T1s1)"
                                             << "a tuple of one item is written '(a,)'"
                                             << "column 7";
    QTest::newRow("unknown name") << "dict(a:tensor)"
                                  << "unknown name 'tensor'"
                                  << "column 8";
    QTest::newRow("trailing text") << "T1s2 T1s3"
                                   << "after the end of the value"
                                   << "column 6";
    QTest::newRow("empty") << ""
                           << "expected a value"
                           << "column 1";
    QTest::newRow("layer arity") << "DynamicCache(DynamicLayer(T1s1))"
                                 << "takes two tensors"
                                 << "column 32";
}

void TypeStringTest::parseErrorsNameTheColumn() {
    QFETCH(QString, text);
    QFETCH(QString, message);
    QFETCH(QString, where);
    auto parsed = text::parseTypeString(text);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.error().message.contains(message), qPrintable(parsed.error().message));
    QCOMPARE(parsed.error().where, where);
}

void TypeStringTest::rendersSuffixAfterEachTensor() {
    auto parsed = text::parseTypeString(QStringLiteral("dict(a:T1s2,b:#1[T7s3])"));
    QVERIFY(parsed.ok());
    const QString text = text::typeString(*parsed.value(), [](const TensorInfo& t) {
        return QStringLiteral("[%1]").arg(t.shape.front());
    });
    QCOMPARE(text, QStringLiteral("dict(a:T1s2[2],b:#1[T7s3[3]])"));
}

QTEST_GUILESS_MAIN(TypeStringTest)
#include "tst_typestring.moc"
