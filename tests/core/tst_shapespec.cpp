#include "spec/ShapeSpec.h"
#include "spec/SpecWriters.h"
#include "text/TypeString.h"

#include <QtTest>

using namespace ds;

// Core edit operations: what the UI's clicks and the command line share.
class ShapeSpecTest : public QObject {
    Q_OBJECT
private slots:
    void init();
    void startsAllStatic();
    void renamingFollowsSharing();
    void boundsLiveWithTheName();
    void sameSizeAtSamePositionFindsBatchDims();
    void bulkEditMakesSeedSpecReadable();

private:
    std::unique_ptr<spec::ExportTree> m_tree;
};

void ShapeSpecTest::init() {
    auto inputs = text::parseTypeString(
        QStringLiteral("dict(input_ids:T7s2x3,attention_mask:T7s2x33,position_ids:T7s3,past_key_"
                       "values:DynamicCache("
                       "key_cache=#1[T1s2x1x30x96], value_cache=#1[T1s2x1x30x96]))"));
    QVERIFY(inputs.ok());
    m_tree = std::make_unique<spec::ExportTree>(inputs.value(), caches::CacheLayout::Transformers);
}

void ShapeSpecTest::startsAllStatic() {
    const spec::ShapeSpec spec(*m_tree);
    QCOMPARE(spec.tensorCount(), 5);
    QCOMPARE(spec.dynamicCount(), 0);
    QCOMPARE(writeSpec(spec::SpecFormat::Pprint, *m_tree, spec),
             QStringLiteral(
                 "{'attention_mask': {},\n 'input_ids': {},\n 'past_key_values': [[{}], [{}]],\n"
                 " 'position_ids': {}}\n"));
}

void ShapeSpecTest::renamingFollowsSharing() {
    spec::ShapeSpec spec = spec::ShapeSpec::allDynamic(*m_tree);
    QCOMPARE(spec.renameEverywhere(QStringLiteral("d_0_0"), QStringLiteral("batch")), 1);
    spec.setDim({1, 0}, spec::DimSpec::named(QStringLiteral("batch")));
    QCOMPARE(spec.dimsNamed(QStringLiteral("batch")), (std::vector<spec::DimRef>{{0, 0}, {1, 0}}));
    QCOMPARE(spec.renameEverywhere(QStringLiteral("batch"), QStringLiteral("b")), 2);
    QVERIFY(spec.dimsNamed(QStringLiteral("batch")).empty());
    QCOMPARE(spec.names().first(), QStringLiteral("b"));
}

void ShapeSpecTest::boundsLiveWithTheName() {
    spec::ShapeSpec spec(*m_tree);
    spec.setDim({0, 0}, spec::DimSpec::named(QStringLiteral("batch")));
    spec.setDim({3, 0}, spec::DimSpec::named(QStringLiteral("batch")));
    QCOMPARE(spec.setBoundsForName(QStringLiteral("batch"), 1, 1024), 2);
    QCOMPARE(spec.dim(3, 0).max, std::optional<qint64>(1024));
}

void ShapeSpecTest::sameSizeAtSamePositionFindsBatchDims() {
    const auto refs = spec::ShapeSpec::dimsWithSizeAt(*m_tree, 0, 2);
    QCOMPARE(refs, (std::vector<spec::DimRef>{{0, 0}, {1, 0}, {3, 0}, {4, 0}}));
    QCOMPARE(spec::ShapeSpec::dimsWithSizeAt(*m_tree, 2, 30),
             (std::vector<spec::DimRef>{{3, 2}, {4, 2}}));
    QVERIFY(spec::ShapeSpec::dimsWithSizeAt(*m_tree, 7, 2).empty());
}

void ShapeSpecTest::bulkEditMakesSeedSpecReadable() {
    spec::ShapeSpec spec(*m_tree);
    QCOMPARE(
        spec.applyToSizeAt(*m_tree, 0, 2, spec::DimSpec::named(QStringLiteral("batch"))).size(),
        size_t(4));
    QCOMPARE(
        spec.applyToSizeAt(*m_tree, 2, 30, spec::DimSpec::named(QStringLiteral("cache_length")))
            .size(),
        size_t(2));
    spec.setDim({0, 1}, spec::DimSpec::named(QStringLiteral("seq_length")));
    // Applying the same decision again changes nothing.
    QVERIFY(
        spec.applyToSizeAt(*m_tree, 0, 2, spec::DimSpec::named(QStringLiteral("batch"))).empty());
    QCOMPARE(writeSpec(spec::SpecFormat::Pprint, *m_tree, spec),
             QStringLiteral("{'attention_mask': {0: 'batch'},\n"
                            " 'input_ids': {0: 'batch', 1: 'seq_length'},\n"
                            " 'past_key_values': [[{0: 'batch', 2: 'cache_length'}],\n"
                            "                     [{0: 'batch', 2: 'cache_length'}]],\n"
                            " 'position_ids': {}}\n"));
}

QTEST_GUILESS_MAIN(ShapeSpecTest)
#include "tst_shapespec.moc"
