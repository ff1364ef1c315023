// Comparing a spec with a reference, dimension by dimension, and adopting it.
#include "AnalysisTestData.h"
#include "analysis/SpecComparison.h"
#include "session/SessionAnalysis.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace ds;
using namespace ds::test;

namespace {

const char* const kSmallInputs = "dict(a:T1s2x3,b:T1s2x5,c:T1s4)";

std::optional<spec::DimRef> refAt(const spec::ExportTree& tree, const QString& path, int dim) {
    const spec::ExportNode* node = tree.find(path);
    if (!node || node->kind != spec::ExportNode::Kind::Tensor)
        return std::nullopt;
    return spec::DimRef{node->tensorIndex, dim};
}

// Every listed dimension as "path:dim=status".
QStringList listed(const analysis::SpecComparison& c, bool withSame = false) {
    QStringList out;
    for (const analysis::DimComparison& d : c.dims)
        if (d.aligned && (withSame || d.status != analysis::DimStatus::Same))
            out << QStringLiteral("%1:%2=%3")
                       .arg(d.path)
                       .arg(d.ref.dim)
                       .arg(dimStatusName(d.status));
    return out;
}

analysis::SpecComparison seedAgainstReference(const spec::ExportTree& tree,
                                              const spec::ShapeSpec& here) {
    const analysis::SpecText reference =
        specFromFile(fixture(QStringLiteral("analysis/seed_reference.py")));
    return session::compareWithReference(tree, here, session::readSpec(tree, reference));
}

} // namespace

class SpecComparisonTest : public QObject {
    Q_OBJECT
private slots:
    void statusOfOneDimension_data();
    void statusOfOneDimension();
    void seedAllDynamicDiffersOnlyWhereTheReferenceIsStatic();
    void seedPtFilesCompareLikeTheTypeString_data();
    void seedPtFilesCompareLikeTheTypeString();
    void seedSeqGrouping_data();
    void seedSeqGrouping();
    void adoptingTheReferenceMakesTheComparisonClean_data();
    void adoptingTheReferenceMakesTheComparisonClean();
    void adoptKeepsWhatTheReferenceDoesNotReach();
    void structureIssuesAreCountedNotCompared();
    void statusOfLooksUpAnyDimension();
    void jsonReportHasTheDocumentedShape();
    void jsonReportListsEveryDimensionOnRequest();
    void textReport();
};

void SpecComparisonTest::statusOfOneDimension_data() {
    QTest::addColumn<QString>("here");
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("dim");
    QTest::addColumn<QString>("status");
    QTest::newRow("both static") << "{'a': {}, 'b': {}, 'c': {}}"
                                 << "{'a': None, 'b': None, 'c': None}"
                                 << "a" << 0 << "same";
    QTest::newRow("static and a fixed int") << "{'a': {}, 'b': {}, 'c': {}}"
                                            << "{'a': (2, 3), 'b': None, 'c': None}"
                                            << "a" << 1 << "same";
    QTest::newRow("renamed everywhere") << "{'a': {0: 'd_0_0'}, 'b': {0: 'd_0_0'}, 'c': {}}"
                                        << "{'a': {0: 'batch'}, 'b': {0: 'batch'}, 'c': None}"
                                        << "b" << 0 << "same";
    QTest::newRow("only here") << "{'a': {0: 'x'}, 'b': {}, 'c': {}}"
                               << "{'a': {}, 'b': {}, 'c': {}}"
                               << "a" << 0 << "only_here";
    QTest::newRow("only reference") << "{'a': {}, 'b': {}, 'c': {}}"
                                    << "{'a': {1: 's'}, 'b': {}, 'c': {}}"
                                    << "a" << 1 << "only_reference";
    QTest::newRow("Dim.STATIC is static") << "{'a': {1: Dim.STATIC}, 'b': {}, 'c': {}}"
                                          << "{'a': {1: 's'}, 'b': {}, 'c': {}}"
                                          << "a" << 1 << "only_reference";
    QTest::newRow("one name here, two there") << "{'a': {0: 'x'}, 'b': {0: 'x'}, 'c': {}}"
                                              << "{'a': {0: 'x'}, 'b': {0: 'y'}, 'c': {}}"
                                              << "a" << 0 << "grouping";
    QTest::newRow("two names here, one there") << "{'a': {0: 'x'}, 'b': {0: 'y'}, 'c': {}}"
                                               << "{'a': {0: 'n'}, 'b': {0: 'n'}, 'c': {}}"
                                               << "b" << 0 << "grouping";
    QTest::newRow("a dim static on one side does not regroup its mates")
        << "{'a': {0: 'x'}, 'b': {0: 'x'}, 'c': {0: 'x'}}"
        << "{'a': {0: 'x'}, 'b': {0: 'x'}, 'c': {}}"
        << "a" << 0 << "same";
    QTest::newRow("hint stands alone") << "{'a': {0: Dim.AUTO}, 'b': {0: Dim.AUTO}, 'c': {}}"
                                       << "{'a': {0: 'n'}, 'b': {0: 'n'}, 'c': {}}"
                                       << "a" << 0 << "grouping";
    QTest::newRow("hint against a lone name") << "{'a': {0: Dim.DYNAMIC}, 'b': {}, 'c': {}}"
                                              << "{'a': {0: 'n'}, 'b': {}, 'c': {}}"
                                              << "a" << 0 << "same";
    QTest::newRow("derived differently")
        << "s = Dim('s')\n{'a': {1: s}, 'b': {1: 2*s}, 'c': {}}"
        << "t = Dim('t')\n{'a': {1: t}, 'b': {1: 2*t + 1}, 'c': {}}"
        << "b" << 1 << "grouping";
    QTest::newRow("derived the same, renamed")
        << "s = Dim('s')\n{'a': {1: s}, 'b': {1: 2*s - 1}, 'c': {}}"
        << "t = Dim('t')\n{'a': {1: t}, 'b': {1: 2*t - 1}, 'c': {}}"
        << "b" << 1 << "same";
    QTest::newRow("bounds differ") << "{'a': {0: Dim('x', max=8)}, 'b': {}, 'c': {}}"
                                   << "{'a': {0: Dim('x', max=16)}, 'b': {}, 'c': {}}"
                                   << "a" << 0 << "bounds";
    QTest::newRow("bounds against none") << "{'a': {0: Dim('x', min=2)}, 'b': {}, 'c': {}}"
                                         << "{'a': {0: 'x'}, 'b': {}, 'c': {}}"
                                         << "a" << 0 << "bounds";
    QTest::newRow("min 0 is the default") << "{'a': {0: Dim('x', min=0)}, 'b': {}, 'c': {}}"
                                          << "{'a': {0: 'x'}, 'b': {}, 'c': {}}"
                                          << "a" << 0 << "same";
    QTest::newRow("grouping wins over bounds")
        << "{'a': {0: Dim('x', max=8)}, 'b': {0: Dim('x', max=8)}, 'c': {}}"
        << "{'a': {0: 'x'}, 'b': {0: 'y'}, 'c': {}}"
        << "a" << 0 << "grouping";
}

void SpecComparisonTest::statusOfOneDimension() {
    QFETCH(QString, here);
    QFETCH(QString, reference);
    QFETCH(QString, path);
    QFETCH(int, dim);
    QFETCH(QString, status);
    auto tree = treeFromTypeString(QLatin1String(kSmallInputs));
    QVERIFY(tree);
    const spec::AlignedSpec hereAligned = alignedFromPython(*tree, here);
    const spec::AlignedSpec referenceAligned = alignedFromPython(*tree, reference);
    QVERIFY(hereAligned.issues.empty() && referenceAligned.issues.empty());
    const analysis::SpecComparison c =
        analysis::compareSpecs(*tree, hereAligned.spec, referenceAligned);
    const auto ref = refAt(*tree, path, dim);
    QVERIFY(ref);
    QCOMPARE(dimStatusName(c.statusOf(*ref)), status);
}

void SpecComparisonTest::seedAllDynamicDiffersOnlyWhereTheReferenceIsStatic() {
    auto tree = seedStaticCacheTree();
    QVERIFY(tree);
    const analysis::SpecComparison c =
        seedAgainstReference(*tree, spec::ShapeSpec::allDynamic(*tree));
    // Every dimension the reference leaves static is dynamic only here, and
    // nothing is dynamic only in the reference.
    QStringList onlyHere;
    for (const analysis::DimComparison& d : c.dims)
        if (d.status == analysis::DimStatus::OnlyHere)
            onlyHere << QStringLiteral("%1:%2").arg(d.path).arg(d.ref.dim);
    QCOMPARE(onlyHere,
             QStringList({"attention_mask:1", "attention_mask:3", "past_key_values.0.0:1",
                          "past_key_values.0.0:2", "past_key_values.0.0:3", "past_key_values.1.0:1",
                          "past_key_values.1.0:2", "past_key_values.1.0:3"}));
    // The same list, derived: every dimension the reference leaves static.
    const spec::AlignedSpec reference =
        session::readSpec(*tree,
                          specFromFile(fixture(QStringLiteral("analysis/seed_reference.py"))))
            .aligned;
    int staticInReference = 0;
    for (int t = 0; t < tree->tensorCount(); ++t)
        for (int d = 0; d < tree->tensorNode(t)->tensor().rank(); ++d)
            staticInReference += reference.spec.dim(t, d).isDynamic() ? 0 : 1;
    QCOMPARE(onlyHere.size(), staticInReference);
    QCOMPARE(c.summary.onlyHere, 8);
    QCOMPARE(c.summary.onlyReference, 0);
    QCOMPARE(c.summary.structure, 0);
    // Where both are dynamic, the all-dynamic spec gives every dimension its
    // own name: 'batch' and 'seq' groups show as grouping, 'seq_length' does not.
    QCOMPARE(c.summary.grouping, 6);
    QCOMPARE(c.summary.same, 1);
    QCOMPARE(c.summary.bounds, 0);
    QVERIFY(!c.summary.clean());
}

void SpecComparisonTest::seedPtFilesCompareLikeTheTypeString_data() {
    QTest::addColumn<QString>("file");
    QTest::newRow("type string") << "pt/seed_static_cache_v449.type.txt";
    QTest::newRow("v449 .pt") << "pt/seed_static_cache_v449.pt";
    QTest::newRow("v454 .pt") << "pt/seed_static_cache_v454.pt";
}

void SpecComparisonTest::seedPtFilesCompareLikeTheTypeString() {
    QFETCH(QString, file);
    auto loaded = formats::openInputs(fixture(file));
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().toString()));
    const spec::ExportTree tree(loaded.value().root, caches::CacheLayout::Transformers);
    const analysis::SpecComparison c =
        seedAgainstReference(tree, spec::ShapeSpec::allDynamic(tree));
    QCOMPARE(
        comparisonToText(c).section(QLatin1Char('\n'), 0, 0),
        QStringLiteral("same 1, only_here 8, only_reference 0, grouping 6, bounds 0, structure 0"));
    QVERIFY(seedAgainstReference(tree, adoptReference(spec::ShapeSpec::allDynamic(tree), c))
                .summary.clean());
}

void SpecComparisonTest::seedSeqGrouping_data() {
    // The seed reference gives attention_mask dim 2 and cache_position dim 0
    // one name ('seq') and input_ids dim 1 another ('seq_length'), though all
    // three are 3 in the example. Grouping compares those partitions, never
    // the names: what matters is which dims are forced equal.
    QTest::addColumn<QString>("here");
    QTest::addColumn<QString>("expected"); // the three dims' statuses
    QTest::newRow("all dynamic: separate names")
        << QString() << "input_ids:1=same attention_mask:2=grouping cache_position:0=grouping";
    QTest::newRow("one name for all three")
        << "{'input_ids': {0: 'batch', 1: 'seq'}, 'attention_mask': {0: 'batch', 2: 'seq'},"
           " 'cache_position': {0: 'seq'}, 'past_key_values': [[{0: 'batch'}], [{0: 'batch'}]]}"
        << "input_ids:1=grouping attention_mask:2=grouping cache_position:0=grouping";
    QTest::newRow("the reference's partition under other names")
        << "{'input_ids': {0: 'B', 1: 'L'}, 'attention_mask': {0: 'B', 2: 'S'},"
           " 'cache_position': {0: 'S'}, 'past_key_values': [[{0: 'B'}], [{0: 'B'}]]}"
        << "input_ids:1=same attention_mask:2=same cache_position:0=same";
}

void SpecComparisonTest::seedSeqGrouping() {
    QFETCH(QString, here);
    QFETCH(QString, expected);
    auto tree = seedStaticCacheTree();
    QVERIFY(tree);
    const spec::ShapeSpec spec =
        here.isEmpty() ? spec::ShapeSpec::allDynamic(*tree) : alignedFromPython(*tree, here).spec;
    const analysis::SpecComparison c = seedAgainstReference(*tree, spec);
    QStringList got;
    for (const auto& [path, dim] :
         {std::pair{"input_ids", 1}, {"attention_mask", 2}, {"cache_position", 0}})
        got << QStringLiteral("%1:%2=%3")
                   .arg(QLatin1String(path))
                   .arg(dim)
                   .arg(dimStatusName(c.statusOf(*refAt(*tree, QLatin1String(path), dim))));
    QCOMPARE(got.join(QLatin1Char(' ')), expected);
}

void SpecComparisonTest::adoptingTheReferenceMakesTheComparisonClean_data() {
    QTest::addColumn<QString>("here");
    QTest::newRow("all dynamic") << QString();
    QTest::newRow("all static") << "{'input_ids': {}, 'attention_mask': {}, 'cache_position': {},"
                                   " 'past_key_values': [[{}], [{}]]}";
    QTest::newRow("bounds and grouping off")
        << "{'input_ids': {0: Dim('b', max=4), 1: 'seq'},"
           " 'attention_mask': {0: 'b', 2: 'seq'}, 'cache_position': {},"
           " 'past_key_values': [[{0: 'b'}], [{1: 'h'}]]}";
}

void SpecComparisonTest::adoptingTheReferenceMakesTheComparisonClean() {
    QFETCH(QString, here);
    auto tree = seedStaticCacheTree();
    QVERIFY(tree);
    const spec::ShapeSpec spec =
        here.isEmpty() ? spec::ShapeSpec::allDynamic(*tree) : alignedFromPython(*tree, here).spec;
    const analysis::SpecComparison before = seedAgainstReference(*tree, spec);
    QVERIFY(!before.summary.clean());
    const spec::ShapeSpec adopted = adoptReference(spec, before);
    const analysis::SpecComparison after = seedAgainstReference(*tree, adopted);
    QVERIFY2(after.summary.clean(), qPrintable(comparisonToText(after)));
    QCOMPARE(after.summary.same, 15);
    QCOMPARE(
        comparisonToText(after),
        QStringLiteral("same 15, only_here 0, only_reference 0, grouping 0, bounds 0, structure 0\n"
                       "no differences\n"));
}

void SpecComparisonTest::adoptKeepsWhatTheReferenceDoesNotReach() {
    auto tree = treeFromTypeString(QLatin1String(kSmallInputs));
    const spec::ShapeSpec here = spec::ShapeSpec::allDynamic(*tree);
    const spec::AlignedSpec reference =
        alignedFromPython(*tree, QStringLiteral("{'a': {0: 'batch'}, 'b': {}}"));
    QCOMPARE(reference.issues.size(), size_t(1)); // missing key 'c'
    const spec::ShapeSpec adopted =
        analysis::adoptReference(here, analysis::compareSpecs(*tree, here, reference));
    QCOMPARE(adopted.dim(0, 0), spec::DimSpec::named(QStringLiteral("batch")));
    QCOMPARE(adopted.dim(0, 1), spec::DimSpec::makeStatic());
    QCOMPARE(adopted.dim(2, 0), spec::DimSpec::named(QStringLiteral("d_2_0"))); // 'c' untouched
}

void SpecComparisonTest::structureIssuesAreCountedNotCompared() {
    auto tree = treeFromTypeString(QLatin1String(kSmallInputs));
    const spec::ShapeSpec here = spec::ShapeSpec::allDynamic(*tree);
    const spec::AlignedSpec reference = alignedFromPython(
        *tree, QStringLiteral("{'a': {0: 'x', 1: 'y'}, 'b': [{0: 'x'}], 'extra': None}"));
    const analysis::SpecComparison c = analysis::compareSpecs(*tree, here, reference);
    QCOMPARE(c.summary.structure, 4); // b: short list, a dict for a dim; missing 'c'; extra key
    QCOMPARE(c.summary.same + c.summary.onlyHere + c.summary.grouping, 2); // only a's dims compared
    QCOMPARE(listed(c, true), QStringList({"a:0=same", "a:1=same"}));
    QVERIFY(!c.summary.clean());
}

void SpecComparisonTest::statusOfLooksUpAnyDimension() {
    auto tree = treeFromTypeString(QLatin1String(kSmallInputs));
    const spec::ShapeSpec here = spec::ShapeSpec::allDynamic(*tree);
    const analysis::SpecComparison c = analysis::compareSpecs(
        *tree, here, alignedFromPython(*tree, QStringLiteral("{'a': {}, 'b': {}, 'c': {}}")));
    QCOMPARE(c.statusOf({2, 0}), analysis::DimStatus::OnlyHere);
    QCOMPARE(c.statusOf({9, 9}), analysis::DimStatus::Same);
}

void SpecComparisonTest::jsonReportHasTheDocumentedShape() {
    auto tree = treeFromTypeString(QLatin1String(kSmallInputs));
    const spec::AlignedSpec here = alignedFromPython(
        *tree, QStringLiteral("{'a': {0: Dim('x', max=8), 1: 's'}, 'b': {}, 'c': {}}"));
    const spec::AlignedSpec reference = alignedFromPython(
        *tree, QStringLiteral("{'a': {0: Dim('x', max=16)}, 'b': {}, 'c': {0: 'n'}, 'd': None}"));
    const analysis::SpecComparison c = analysis::compareSpecs(*tree, here.spec, reference);
    const QByteArray expected = R"({
  "summary": {"same": 2, "only_here": 1, "only_reference": 1, "grouping": 0, "bounds": 1, "structure": 1},
  "dims": [
    {
      "path": "a",
      "dim": 0,
      "status": "bounds",
      "here": {"name": "x", "max": 8},
      "reference": {"name": "x", "max": 16},
      "detail": "here min 0, max 8; in the reference min 0, max 16"
    },
    {"path": "a", "dim": 1, "status": "only_here", "here": "s", "reference": null},
    {"path": "c", "dim": 0, "status": "only_reference", "here": null, "reference": "n"}
  ],
  "structure": [{"path": "d", "message": "extra key 'd': the inputs have no such key"}]
}
)";
    QCOMPARE(comparisonToJson(c), expected);
}

void SpecComparisonTest::jsonReportListsEveryDimensionOnRequest() {
    auto tree = seedStaticCacheTree();
    QVERIFY(tree);
    const analysis::SpecComparison c =
        seedAgainstReference(*tree, spec::ShapeSpec::allDynamic(*tree));
    const QJsonObject differing = QJsonDocument::fromJson(comparisonToJson(c)).object();
    const QJsonObject all = QJsonDocument::fromJson(comparisonToJson(c, true)).object();
    QCOMPARE(differing.value("summary").toObject().value("only_here").toInt(), 8);
    QCOMPARE(differing.value("dims").toArray().size(), 14);
    QCOMPARE(all.value("dims").toArray().size(), 15);
    const QJsonObject first = differing.value("dims").toArray().first().toObject();
    QCOMPARE(first.value("path").toString(), QStringLiteral("input_ids"));
    QCOMPARE(first.value("status").toString(), QStringLiteral("grouping"));
    QCOMPARE(first.value("reference").toObject().value("name").toString(), QStringLiteral("batch"));
    QCOMPARE(first.value("reference").toObject().value("max").toInt(), 1024);
}

void SpecComparisonTest::textReport() {
    auto tree = treeFromTypeString(QLatin1String(kSmallInputs));
    const spec::AlignedSpec here =
        alignedFromPython(*tree, QStringLiteral("{'a': {0: 'x'}, 'b': {0: 'x'}, 'c': {}}"));
    const spec::AlignedSpec reference =
        alignedFromPython(*tree, QStringLiteral("{'a': {0: 'x'}, 'b': {0: 'y', 1: 'z'}, 'c': {}}"));
    const analysis::SpecComparison c = analysis::compareSpecs(*tree, here.spec, reference);
    QCOMPARE(
        comparisonToText(c),
        QStringLiteral("same 2, only_here 0, only_reference 1, grouping 2, bounds 0, structure 0\n"
                       "grouping        a dim 0  here 'x'     reference 'x'\n"
                       "                here 'x' also covers b dim 0\n"
                       "grouping        b dim 0  here 'x'     reference 'y'\n"
                       "                here 'x' also covers a dim 0\n"
                       "only_reference  b dim 1  here static  reference 'z'\n"));
}

QTEST_GUILESS_MAIN(SpecComparisonTest)
#include "tst_speccomparison.moc"
