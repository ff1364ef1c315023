// Guessing a spec from several input sets (formats.md §2).
#include "AnalysisTestData.h"
#include "analysis/SpecGuess.h"
#include "spec/SpecWriters.h"

using namespace ds;
using namespace ds::test;

namespace {

std::vector<analysis::InputSet> setsFrom(const QStringList& typeStrings) {
    std::vector<analysis::InputSet> sets;
    for (int i = 0; i < typeStrings.size(); ++i)
        sets.push_back({inputsFromTypeString(typeStrings[i]), QStringLiteral("set%1").arg(i + 1)});
    return sets;
}

QString guessedPprint(const Result<analysis::GuessedSpec>& guessed, caches::CacheLayout layout) {
    const spec::ExportTree tree(guessed.value().inputs, layout);
    return writeSpec(spec::SpecFormat::Pprint, tree, guessed.value().spec);
}

const QString kSeedLikeA = QStringLiteral(
    "dict(input_ids:T7s2x3,attention_mask:T7s2x33,position_ids:T7s3,past_key_values:DynamicCache("
    "key_cache=#1[T1s2x1x30x96], value_cache=#1[T1s2x1x30x96]))");
const QString kSeedLikeB = QStringLiteral(
    "dict(input_ids:T7s3x4,attention_mask:T7s3x35,position_ids:T7s4,past_key_values:DynamicCache("
    "key_cache=#1[T1s3x1x31x96], value_cache=#1[T1s3x1x31x96]))");

} // namespace

class SpecGuessTest : public QObject {
    Q_OBJECT
private slots:
    void guess_data();
    void guess();
    void disagreementsAreErrors_data();
    void disagreementsAreErrors();
    void guessesFromPtFiles();
};

void SpecGuessTest::guess_data() {
    QTest::addColumn<QStringList>("sets");
    QTest::addColumn<QString>("names");
    QTest::addColumn<int>("layout");
    QTest::addColumn<QString>("expected");
    const int transformers = static_cast<int>(caches::CacheLayout::Transformers);
    const QString s1 = QStringLiteral("dict(x:T1s2x3,y:T1s2x3)");
    const QString s2 = QStringLiteral("dict(x:T1s2x4,y:T1s2x5)");
    const QString s3 = QStringLiteral("dict(x:T1s5x6,y:T1s5x7)");
    QTest::newRow("two sets") << QStringList{s1, s2} << "position" << transformers
                              << "{'x': {1: 'd_0_1'}, 'y': {1: 'd_1_1'}}\n";
    QTest::newRow("three sets: the third varies the batch")
        << QStringList{s1, s2, s3} << "position" << transformers
        << "{'x': {0: 'd_0_0', 1: 'd_0_1'}, 'y': {0: 'd_1_0', 1: 'd_1_1'}}\n";
    QTest::newRow("three sets, semantic")
        << QStringList{s1, s2, s3} << "semantic" << transformers
        << "{'x': {0: 'batch', 1: 'seq'}, 'y': {0: 'batch', 1: 'seq_1'}}\n";
    QTest::newRow("same sets: nothing varies")
        << QStringList{s1, s1} << "position" << transformers << "{'x': {}, 'y': {}}\n";
    QTest::newRow("a key missing from the second set")
        << QStringList{s1, QStringLiteral("dict(x:T1s2x4)")} << "position" << transformers
        << "{'x': {1: 'd_0_1'}, 'y': {}}\n";
    QTest::newRow("a key only in the second set")
        << QStringList{QStringLiteral("dict(x:T1s2x3)"), QStringLiteral("dict(x:T1s2x4,z:T1s7)"),
                       QStringLiteral("dict(x:T1s2x5,z:T1s8)")}
        << "position" << transformers << "{'x': {1: 'd_0_1'}, 'z': {0: 'd_1_0'}}\n";
    QTest::newRow("0 in every set")
        << QStringList{QStringLiteral("dict(x:T1s0x3)"), QStringLiteral("dict(x:T1s0x3)")}
        << "position" << transformers << "{'x': {0: 'd_0_0'}}\n";
    QTest::newRow("tuples and lists")
        << QStringList{QStringLiteral("(T1s2x3,#2[T1s2,T1s3])"),
                       QStringLiteral("(T1s2x4,#2[T1s2,T1s4])")}
        << "position" << transformers << "({1: 'd_0_1'}, [{}, {0: 'd_2_0'}])\n";
    QTest::newRow("cache, position names")
        << QStringList{kSeedLikeA, kSeedLikeB} << "position" << transformers
        << "{'attention_mask': {0: 'd_1_0', 1: 'd_1_1'},\n"
           " 'input_ids': {0: 'd_0_0', 1: 'd_0_1'},\n"
           " 'past_key_values': [[{0: 'd_3_0', 2: 'd_3_2'}], [{0: 'd_4_0', 2: 'd_4_2'}]],\n"
           " 'position_ids': {0: 'd_2_0'}}\n";
    QTest::newRow("cache, semantic names")
        << QStringList{kSeedLikeA, kSeedLikeB} << "semantic" << transformers
        << "{'attention_mask': {0: 'batch', 1: 'seq_1'},\n"
           " 'input_ids': {0: 'batch', 1: 'seq'},\n"
           " 'past_key_values': [[{0: 'batch', 2: 'cache'}], [{0: 'batch', 2: 'cache'}]],\n"
           " 'position_ids': {0: 'seq'}}\n";
    QTest::newRow("cache, flat layout")
        << QStringList{kSeedLikeA, kSeedLikeB} << "semantic"
        << static_cast<int>(caches::CacheLayout::Flat)
        << "{'attention_mask': {0: 'batch', 1: 'seq_1'},\n"
           " 'input_ids': {0: 'batch', 1: 'seq'},\n"
           " 'past_key_values': [{0: 'batch', 2: 'cache'}, {0: 'batch', 2: 'cache'}],\n"
           " 'position_ids': {0: 'seq'}}\n";
}

void SpecGuessTest::guess() {
    QFETCH(QStringList, sets);
    QFETCH(QString, names);
    QFETCH(int, layout);
    QFETCH(QString, expected);
    const auto cacheLayout = static_cast<caches::CacheLayout>(layout);
    const auto guessed =
        guessSpec(setsFrom(sets), cacheLayout, *analysis::guessNamingFromName(names));
    QVERIFY2(guessed, qPrintable(guessed ? QString() : guessed.error().toString()));
    QCOMPARE(guessedPprint(guessed, cacheLayout), expected);
}

void SpecGuessTest::disagreementsAreErrors_data() {
    QTest::addColumn<QStringList>("sets");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("message");
    QTest::newRow("rank mismatch") << QStringList{"dict(x:T1s2x3)", "dict(x:T1s2x3x4)"} << "set2"
                                   << "x"
                                   << "rank 3 (2, 3, 4) here, rank 2 (2, 3) in set1";
    QTest::newRow("rank mismatch in the third set")
        << QStringList{"dict(x:T1s2x3)", "dict(x:T1s2x4)", "dict(x:T1s2)"} << "set3"
        << "x"
        << "rank 1 (2) here";
    QTest::newRow("list lengths") << QStringList{"dict(x:#2[T1s2,T1s2])",
                                                 "dict(x:#3[T1s2,T1s2,T1s2])"}
                                  << "set2"
                                  << "x"
                                  << "3 items here, 2 items in set1";
    QTest::newRow("container kinds") << QStringList{"dict(x:T1s2)", "dict(x:#1[T1s2])"} << "set2"
                                     << "x"
                                     << "a list here, a tensor in set1";
    QTest::newRow("tuple against list") << QStringList{"(T1s2,T1s3)", "#2[T1s2,T1s3]"} << "set2"
                                        << "the top level"
                                        << "a list here, a tuple in set1";
    QTest::newRow("cache classes")
        << QStringList{"dict(c:DynamicCache(key_cache=#1[T1s1x2x3x4], value_cache=#1[T1s1x2x3x4]))",
                       "dict(c:StaticCache(key_cache=#1[T1s1x2x3x4], value_cache=#1[T1s1x2x3x4]))"}
        << "set2"
        << "c"
        << "a StaticCache here, a DynamicCache in set1";
    QTest::newRow("cache layers")
        << QStringList{"dict(c:DynamicCache(key_cache=#1[T1s1x2x3x4], value_cache=#1[T1s1x2x3x4]))",
                       "dict(c:DynamicCache(key_cache=#2[T1s1x2x3x4,T1s1x2x3x4], "
                       "value_cache=#2[T1s1x2x3x4,T1s1x2x3x4]))"}
        << "set2"
        << "c.0"
        << "2 items here, 1 item in set1";
}

void SpecGuessTest::disagreementsAreErrors() {
    QFETCH(QStringList, sets);
    QFETCH(QString, file);
    QFETCH(QString, where);
    QFETCH(QString, message);
    const auto guessed = guessSpec(setsFrom(sets), caches::CacheLayout::Transformers);
    QVERIFY(!guessed);
    QCOMPARE(guessed.error().file, file);
    QCOMPARE(guessed.error().where, where);
    QVERIFY2(guessed.error().message.contains(message), qPrintable(guessed.error().message));
}

void SpecGuessTest::guessesFromPtFiles() {
    // The seed's DynamicCache inputs in three eras are one input set three
    // times over: nothing varies except that the reader must open them.
    std::vector<analysis::InputSet> sets;
    for (const char* name : {"seed_dynamic_cache_v444.pt", "seed_dynamic_cache_v449.pt",
                             "seed_dynamic_cache_v454.pt"}) {
        const QString path = fixture(QStringLiteral("pt/") + QLatin1String(name));
        auto loaded = formats::openInputs(path);
        QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().toString()));
        sets.push_back({loaded.value().root, path});
    }
    const auto guessed = guessSpec(sets, caches::CacheLayout::Transformers);
    QVERIFY2(guessed, qPrintable(guessed ? QString() : guessed.error().toString()));
    QCOMPARE(guessedPprint(guessed, caches::CacheLayout::Transformers),
             QStringLiteral("{'attention_mask': {},\n"
                            " 'input_ids': {},\n"
                            " 'past_key_values': [[{}], [{}]],\n"
                            " 'position_ids': {}}\n"));
}

QTEST_GUILESS_MAIN(SpecGuessTest)
#include "tst_specguess.moc"
