#include "FixtureFiles.h"
#include "spec/ShapeSpec.h"
#include "spec/SpecWriters.h"
#include "text/TypeString.h"

#include <QtTest>

using namespace ds;

// "All dimensions dynamic" in both cache layouts, against what the Python side
// (tests/fixtures/make_pt_fixtures.py) printed with the real pprint.
class AllDynamicTest : public QObject {
    Q_OBJECT
private slots:
    void matchesPythonForEveryFixture_data();
    void matchesPythonForEveryFixture();
    void seedBlockIsExact();
    void numbersTensorsInLayoutOrder_data();
    void numbersTensorsInLayoutOrder();
    void encoderDecoderNestsBothCaches();
};

void AllDynamicTest::matchesPythonForEveryFixture_data() {
    QTest::addColumn<QString>("typeText");
    QTest::addColumn<QString>("layout");
    QTest::addColumn<QString>("expected");
    for (const QString& name : fixtures::ptFixtureNames()) {
        const QString typeText =
            fixtures::readText(QStringLiteral("pt/%1.type.txt").arg(name)).trimmed();
        // "#N[first,...]" hides the other items' ranks: only the .pt file knows them.
        if (typeText.contains(QLatin1String(",...")))
            continue;
        for (const char* layout : {"transformers", "flat"})
            QTest::addRow("%s/%s", qPrintable(name), layout)
                << typeText << QString::fromLatin1(layout)
                << fixtures::readText(
                       QStringLiteral("pt/%1.%2.pprint.txt").arg(name, QLatin1String(layout)));
    }
}

void AllDynamicTest::matchesPythonForEveryFixture() {
    QFETCH(QString, typeText);
    QFETCH(QString, layout);
    QFETCH(QString, expected);
    auto inputs = text::parseTypeString(typeText);
    QVERIFY(inputs.ok());
    const spec::ExportTree tree(inputs.value(), *caches::layoutFromName(layout));
    QCOMPARE(writeSpec(spec::SpecFormat::Pprint, tree, spec::ShapeSpec::allDynamic(tree)),
             expected);
}

void AllDynamicTest::seedBlockIsExact() {
    auto inputs = text::parseTypeString(
        QStringLiteral("dict(input_ids:T7s2x3,attention_mask:T7s2x33,position_ids:T7s3,past_key_"
                       "values:DynamicCache("
                       "key_cache=#1[T1s2x1x30x96], value_cache=#1[T1s2x1x30x96]))"));
    QVERIFY(inputs.ok());
    const spec::ExportTree tree(inputs.value(), caches::CacheLayout::Transformers);
    QCOMPARE(
        writeSpec(spec::SpecFormat::Pprint, tree, spec::ShapeSpec::allDynamic(tree)),
        QStringLiteral("{'attention_mask': {0: 'd_1_0', 1: 'd_1_1'},\n"
                       " 'input_ids': {0: 'd_0_0', 1: 'd_0_1'},\n"
                       " 'past_key_values': [[{0: 'd_3_0', 1: 'd_3_1', 2: 'd_3_2', 3: 'd_3_3'}],\n"
                       "                     [{0: 'd_4_0', 1: 'd_4_1', 2: 'd_4_2', 3: 'd_4_3'}]],\n"
                       " 'position_ids': {0: 'd_2_0'}}\n"));
}

void AllDynamicTest::numbersTensorsInLayoutOrder_data() {
    QTest::addColumn<QString>("layout");
    QTest::addColumn<QStringList>("paths");
    QTest::addColumn<QStringList>("flatNames");
    QTest::newRow("transformers: keys then values")
        << "transformers" << QStringList{"x", "cache.0.0", "cache.0.1", "cache.1.0", "cache.1.1"}
        << QStringList{"x", "cache.0.key", "cache.1.key", "cache.0.value", "cache.1.value"};
    QTest::newRow("flat: interleaved")
        << "flat" << QStringList{"x", "cache.0", "cache.1", "cache.2", "cache.3"}
        << QStringList{"x", "cache.0.key", "cache.0.value", "cache.1.key", "cache.1.value"};
}

void AllDynamicTest::numbersTensorsInLayoutOrder() {
    QFETCH(QString, layout);
    QFETCH(QStringList, paths);
    QFETCH(QStringList, flatNames);
    auto inputs = text::parseTypeString(
        QStringLiteral("dict(x:T1s1,cache:DynamicCache(key_cache=#2[T1s1x1,T1s1x2],"
                       " value_cache=#2[T1s1x3,T1s1x4]))"));
    QVERIFY(inputs.ok());
    const spec::ExportTree tree(inputs.value(), *caches::layoutFromName(layout));
    QCOMPARE(tree.tensorCount(), paths.size());
    for (int i = 0; i < tree.tensorCount(); ++i) {
        QCOMPARE(tree.tensorNode(i)->path(), paths[i]);
        QCOMPARE(tree.tensorNode(i)->flatName, flatNames[i]);
        QCOMPARE(tree.find(paths[i]), tree.tensorNode(i));
    }
}

void AllDynamicTest::encoderDecoderNestsBothCaches() {
    auto inputs = text::parseTypeString(QStringLiteral(
        "dict(pkv:EncoderDecoderCache(self_attention_cache=DynamicCache(key_cache=#1[T1s1x2], "
        "value_cache=#1[T1s1x2]), "
        "cross_attention_cache=DynamicCache(key_cache=#1[T1s1x5], value_cache=#1[T1s1x5])))"));
    QVERIFY(inputs.ok());
    const spec::ExportTree transformers(inputs.value(), caches::CacheLayout::Transformers);
    QCOMPARE(
        writeSpec(spec::SpecFormat::Pprint, transformers,
                  spec::ShapeSpec::allDynamic(transformers)),
        QStringLiteral("{'pkv': [[[{0: 'd_0_0', 1: 'd_0_1'}], [{0: 'd_1_0', 1: 'd_1_1'}]],\n"
                       "         [[{0: 'd_2_0', 1: 'd_2_1'}], [{0: 'd_3_0', 1: 'd_3_1'}]]]}\n"));
    const spec::ExportTree flat(inputs.value(), caches::CacheLayout::Flat);
    QCOMPARE(writeSpec(spec::SpecFormat::Pprint, flat, spec::ShapeSpec::allDynamic(flat)),
             QStringLiteral("{'pkv': [[{0: 'd_0_0', 1: 'd_0_1'}, {0: 'd_1_0', 1: 'd_1_1'}],\n"
                            "         [{0: 'd_2_0', 1: 'd_2_1'}, {0: 'd_3_0', 1: 'd_3_1'}]]}\n"));
    QCOMPARE(flat.tensorNode(3)->flatName, QStringLiteral("pkv.0.encoder.value"));
}

QTEST_GUILESS_MAIN(AllDynamicTest)
#include "tst_alldynamic.moc"
