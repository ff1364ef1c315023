#include "spec/SpecAligner.h"
#include "spec/SpecJson.h"
#include "spec/SpecToPython.h"
#include "spec/SpecWriters.h"
#include "text/PrettyPrinter.h"
#include "text/PythonLiteralParser.h"
#include "text/TypeString.h"

#include <QtTest>

using namespace ds;

// Each writer on one spec that has every kind of decision, and reading the
// JSON and Python forms back.
class SpecWritersTest : public QObject {
    Q_OBJECT
private slots:
    void init();
    void pprintWritesDimWhenBounded();
    void pythonSnippetDefinesOneDimPerName();
    void onnxDynamoWritesPlainNames();
    void dynamicAxesUsesFlatNames();
    void jsonRoundTripRestoresTuples();
    void pythonSnippetReadsBack();
    void savedLayoutIsRemembered();
    void structureErrorsAreReported_data();
    void structureErrorsAreReported();
    void otherLayoutIsRecognised();
    void bigContainersPrintAsWhenBuiltWhole_data();
    void bigContainersPrintAsWhenBuiltWhole();

private:
    std::unique_ptr<spec::ExportTree> m_tree;
    spec::ShapeSpec m_spec;
};

namespace {

// A tuple input, a leaf, and a one-layer cache: where tuple/list/None matter.
const char* kInputs =
    "dict(input_ids:T7s2x3,pair:(T1s2x8,T1s2),flag:bool,"
    "past_key_values:DynamicCache(key_cache=#1[T1s2x1x30x96], value_cache=#1[T1s2x1x30x96]))";

} // namespace

void SpecWritersTest::init() {
    auto inputs = text::parseTypeString(QString::fromLatin1(kInputs));
    QVERIFY(inputs.ok());
    m_tree = std::make_unique<spec::ExportTree>(inputs.value(), caches::CacheLayout::Transformers);
    m_spec = spec::ShapeSpec(*m_tree);
    m_spec.setDim({0, 0}, spec::DimSpec::named(QStringLiteral("batch"), 1, 1024));
    m_spec.setDim({0, 1}, spec::DimSpec::named(QStringLiteral("seq")));
    m_spec.setDim({1, 0}, spec::DimSpec::named(QStringLiteral("batch"), 1, 1024));
    m_spec.setDim({1, 1}, spec::DimSpec::derived(QStringLiteral("seq"), 2, 2));
    m_spec.setDim({2, 0}, spec::DimSpec::makeHint(spec::DimSpec::HintKind::Dynamic));
    m_spec.setDim({3, 2}, spec::DimSpec::makeHint(spec::DimSpec::HintKind::Auto, 1, 4096));
    m_spec.setDim({4, 0}, spec::DimSpec::named(QStringLiteral("batch"), 1, 1024));
}

void SpecWritersTest::pprintWritesDimWhenBounded() {
    QCOMPARE(writeSpec(spec::SpecFormat::Pprint, *m_tree, m_spec),
             QStringLiteral(
                 "{'flag': None,\n"
                 " 'input_ids': {0: Dim('batch', min=1, max=1024), 1: 'seq'},\n"
                 " 'pair': ({0: Dim('batch', min=1, max=1024), 1: 2*seq + 2}, {0: Dim.DYNAMIC}),\n"
                 " 'past_key_values': [[{2: Dim.AUTO(min=1, max=4096)}],\n"
                 "                     [{0: Dim('batch', min=1, max=1024)}]]}\n"));
}

void SpecWritersTest::pythonSnippetDefinesOneDimPerName() {
    QCOMPARE(
        writeSpec(spec::SpecFormat::Python, *m_tree, m_spec),
        QStringLiteral("from torch.export import Dim\n"
                       "\n"
                       "# The inputs hold a DynamicCache: transformers' own registration flattens "
                       "it as\n"
                       "# [[keys...], [values...]], the layout of this spec.\n"
                       "from transformers.integrations.executorch import "
                       "register_dynamic_cache_export_support\n"
                       "\n"
                       "register_dynamic_cache_export_support()\n"
                       "\n"
                       "batch = Dim('batch', min=1, max=1024)\n"
                       "seq = Dim('seq')\n"
                       "\n"
                       "dynamic_shapes = {'flag': None,\n"
                       "                  'input_ids': {0: batch, 1: seq},\n"
                       "                  'pair': ({0: batch, 1: 2*seq + 2}, {0: Dim.DYNAMIC}),\n"
                       "                  'past_key_values': [[{2: Dim.AUTO(min=1, max=4096)}],\n"
                       "                                      [{0: batch}]]}\n"));
}

void SpecWritersTest::onnxDynamoWritesPlainNames() {
    const QString text = writeSpec(spec::SpecFormat::OnnxDynamo, *m_tree, m_spec);
    QVERIFY(text.contains(QLatin1String("'input_ids': {0: 'batch', 1: 'seq'}")));
    QVERIFY(!text.contains(QLatin1String("min=1, max=1024")));
}

void SpecWritersTest::dynamicAxesUsesFlatNames() {
    QCOMPARE(writeSpec(spec::SpecFormat::DynamicAxes, *m_tree, m_spec),
             QStringLiteral("{'input_ids': {0: 'batch', 1: 'seq'},\n"
                            " 'pair.0': {0: 'batch', 1: '2*seq + 2'},\n"
                            " 'pair.1': {0: 'd_2_0'},\n"
                            " 'past_key_values.0.key': {2: 'd_3_2'},\n"
                            " 'past_key_values.0.value': {0: 'batch'}}\n"));
}

void SpecWritersTest::jsonRoundTripRestoresTuples() {
    const QByteArray json = writeSpec(spec::SpecFormat::Json, *m_tree, m_spec).toUtf8();
    auto doc = spec::specFromJson(json);
    QVERIFY(doc.ok());
    const spec::AlignedSpec aligned =
        alignSpec(*m_tree, *doc.value().value, spec::SpecSource::Json);
    QVERIFY(aligned.issues.empty());
    QVERIFY(aligned.spec == m_spec);
    // The tuple comes back as a tuple in Python output, though JSON has none.
    QVERIFY(writeSpec(spec::SpecFormat::Pprint, *m_tree, aligned.spec)
                .contains(QLatin1String("'pair': ({0:")));
}

void SpecWritersTest::pythonSnippetReadsBack() {
    auto value = text::parsePythonLiteral(writeSpec(spec::SpecFormat::Python, *m_tree, m_spec));
    QVERIFY2(value.ok(), qPrintable(value.ok() ? QString() : value.error().toString()));
    const spec::AlignedSpec aligned = alignSpec(*m_tree, *value.value(), spec::SpecSource::Python);
    QVERIFY(aligned.issues.empty());
    QCOMPARE(writeSpec(spec::SpecFormat::Pprint, *m_tree, aligned.spec),
             writeSpec(spec::SpecFormat::Pprint, *m_tree, m_spec));
}

void SpecWritersTest::savedLayoutIsRemembered() {
    const spec::ExportTree flat(m_tree->inputs(), caches::CacheLayout::Flat);
    auto doc = spec::specFromJson(
        writeSpec(spec::SpecFormat::Json, flat, spec::ShapeSpec::allDynamic(flat)).toUtf8());
    QVERIFY(doc.ok());
    QCOMPARE(doc.value().layout, std::optional<caches::CacheLayout>(caches::CacheLayout::Flat));
}

void SpecWritersTest::structureErrorsAreReported_data() {
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");
    const QString cache = QStringLiteral("'past_key_values': [[{}], [{}]]");
    QTest::newRow("missing key") << "{'input_ids': {}, 'flag': None, " + cache + "}"
                                 << "pair"
                                 << "missing key 'pair'";
    QTest::newRow("extra key") << "{'input_ids': {}, 'pair': ({}, {}), 'flag': None, 'mask': {}, " +
                                      cache + "}"
                               << "mask"
                               << "extra key 'mask'";
    QTest::newRow("list for tuple")
        << "{'input_ids': {}, 'pair': [{}, {}], 'flag': None, " + cache + "}"
        << "pair"
        << "wrong container kind: expected a tuple, found a list";
    QTest::newRow("beyond rank") << "{'input_ids': {2: 'x'}, 'pair': ({}, {}), 'flag': None, " +
                                        cache + "}"
                                 << "input_ids"
                                 << "dimension 2 is beyond the tensor's rank 2";
    QTest::newRow("spec on a leaf")
        << "{'input_ids': {}, 'pair': ({}, {}), 'flag': {0: 'x'}, " + cache + "}"
        << "flag"
        << "a dict given for a non-tensor value (bool)";
    QTest::newRow("not a dim") << "{'input_ids': {0: [1]}, 'pair': ({}, {}), 'flag': None, " +
                                      cache + "}"
                               << "input_ids"
                               << "dimension 0: a list is not a dimension spec";
}

void SpecWritersTest::structureErrorsAreReported() {
    QFETCH(QString, spec);
    QFETCH(QString, path);
    QFETCH(QString, message);
    auto value = text::parsePythonLiteral(spec);
    QVERIFY(value.ok());
    const spec::AlignedSpec aligned = alignSpec(*m_tree, *value.value(), spec::SpecSource::Python);
    QCOMPARE(int(aligned.issues.size()), 1);
    QCOMPARE(aligned.issues.front().path, path);
    QVERIFY2(aligned.issues.front().message.contains(message),
             qPrintable(aligned.issues.front().message));
}

void SpecWritersTest::otherLayoutIsRecognised() {
    auto value =
        text::parsePythonLiteral(QStringLiteral("{'input_ids': {}, 'pair': ({}, {}), 'flag': None, "
                                                "'past_key_values': [{0: 'b'}, {0: 'b'}]}"));
    QVERIFY(value.ok());
    const spec::AlignedSpec aligned = alignSpec(*m_tree, *value.value(), spec::SpecSource::Python);
    QCOMPARE(aligned.otherLayoutFits,
             std::optional<caches::CacheLayout>(caches::CacheLayout::Flat));
    QVERIFY(aligned.issues.front().message.contains(QLatin1String("--layout flat")));
    const spec::ExportTree flat(m_tree->inputs(), caches::CacheLayout::Flat);
    const spec::AlignedSpec inFlat = alignSpec(flat, *value.value(), spec::SpecSource::Python);
    QVERIFY(inFlat.issues.empty());
    QCOMPARE(inFlat.spec.dim(3, 0).name, QStringLiteral("b"));
}

// Containers of more than 256 children make their items while printing
// (specToPythonForPrinting); the text must be the one of the spec built whole.
void SpecWritersTest::bigContainersPrintAsWhenBuiltWhole_data() {
    QTest::addColumn<QString>("inputs");
    QStringList entries;
    for (int i = 0; i < 300; ++i)
        entries << QStringLiteral("k%1:T1s%2x2").arg(i).arg(i % 7 + 1);
    const auto list = [](int n, const QString& item) {
        return QStringLiteral("#%1[%2]").arg(n).arg(QStringList(n, item).join(QLatin1Char(',')));
    };
    QTest::newRow("list of 300") << list(300, QStringLiteral("T1s2x3"));
    QTest::newRow("dict of 300, keys sorted") << QStringLiteral("dict(%1)").arg(entries.join(','));
    QTest::newRow("nested in a dict")
        << QStringLiteral("dict(x:T1s2,cache:(%1,T7s9))").arg(list(400, QStringLiteral("T1s4x5")));
}

void SpecWritersTest::bigContainersPrintAsWhenBuiltWhole() {
    QFETCH(QString, inputs);
    auto parsed = text::parseTypeString(inputs);
    QVERIFY(parsed.ok());
    const spec::ExportTree tree(parsed.value(), caches::CacheLayout::Transformers);
    spec::ShapeSpec spec = spec::ShapeSpec::allDynamic(tree);
    spec.setDim({1, 0},
                spec::DimSpec::named(QStringLiteral("batch"), 2, 64)); // Dim(...) for pprint
    QCOMPARE(writeSpec(spec::SpecFormat::Pprint, tree, spec),
             pythonPformat(*specToPython(tree, spec, spec::NameStyle::Strings)) +
                 QLatin1Char('\n'));
    QCOMPARE(writeSpec(spec::SpecFormat::OnnxDynamo, tree, spec),
             pythonPformat(*specToPython(tree, spec, spec::NameStyle::StringsOnly)) +
                 QLatin1Char('\n'));
    QVERIFY(writeSpec(spec::SpecFormat::Pprint, tree, spec).count(QLatin1Char('\n')) > 250);
}

QTEST_GUILESS_MAIN(SpecWritersTest)
#include "tst_specwriters.moc"
