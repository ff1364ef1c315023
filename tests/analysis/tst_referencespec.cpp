// Reading reference specs: Python literals, DimStudio JSON, legacy dynamic_axes,
// and the positions syntax errors report.
#include "AnalysisTestData.h"
#include "analysis/DimSpecText.h"
#include "analysis/DynamicAxes.h"

using namespace ds;
using namespace ds::test;

class ReferenceSpecTest : public QObject {
    Q_OBJECT
private slots:
    void readsEveryDimForm_data();
    void readsEveryDimForm();
    void syntaxErrorsNameLineAndColumn_data();
    void syntaxErrorsNameLineAndColumn();
    void fileErrorsNameTheFile();
    void dynamicAxesMapFlatNames_data();
    void dynamicAxesMapFlatNames();
    void dynamicAxesProblemsAreStructureIssues();
    void dynamicAxesEqualsTheSeedReferenceUpToBounds();
    void autoDetectionKeepsDynamicShapes_data();
    void autoDetectionKeepsDynamicShapes();
    void unalignedDimsAreRecorded_data();
    void unalignedDimsAreRecorded();
};

void ReferenceSpecTest::readsEveryDimForm_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("dim");
    QTest::addColumn<QString>("expected");
    QTest::newRow("string") << "{'x': {0: 'batch'}}" << 0 << "'batch'";
    QTest::newRow("Dim with bounds")
        << "{'x': {0: Dim('batch', min=1, max=1024)}}" << 0 << "Dim('batch', min=1, max=1024)";
    QTest::newRow("torch.export.Dim")
        << "import torch\n{'x': {0: torch.export.Dim('b', max=8)}}" << 0 << "Dim('b', max=8)";
    QTest::newRow("Dim.AUTO") << "{'x': {1: Dim.AUTO}}" << 1 << "Dim.AUTO";
    QTest::newRow("Dim.DYNAMIC with bounds")
        << "{'x': {1: Dim.DYNAMIC(min=2, max=8)}}" << 1 << "Dim.DYNAMIC(min=2, max=8)";
    QTest::newRow("Dim.STATIC") << "{'x': {2: torch.export.Dim.STATIC}}" << 2 << "Dim.STATIC";
    QTest::newRow("derived") << "s = Dim('s')\n{'x': {0: s, 1: 2*s + 1}}" << 1 << "2*s + 1";
    QTest::newRow("derived minus") << "s = Dim('s')\n{'x': {0: s, 1: s - 1}}" << 1 << "s - 1";
    QTest::newRow("dynamic_shapes variable")
        << "b = Dim('b')\ndynamic_shapes = {'x': {0: b}}\nother = 3" << 0 << "'b'";
    QTest::newRow("tuple per tensor: None") << "{'x': (None, 'n', 6)}" << 0 << "static";
    QTest::newRow("tuple per tensor: name") << "{'x': (None, 'n', 6)}" << 1 << "'n'";
    QTest::newRow("tuple per tensor: int") << "{'x': (None, 'n', 6)}" << 2 << "6";
    QTest::newRow("left out is static") << "{'x': {0: 'b'}}" << 2 << "static";
    QTest::newRow("DimStudio JSON") << R"({"dimstudio_spec": 1, "layout": "transformers",
        "dynamic_shapes": {"x": {"0": {"name": "b", "min": 2}}}})"
                                    << 0 << "Dim('b', min=2)";
    QTest::newRow("bare JSON hint") << R"({"x": {"1": {"hint": "AUTO"}}})" << 1 << "Dim.AUTO";
}

void ReferenceSpecTest::readsEveryDimForm() {
    QFETCH(QString, text);
    QFETCH(int, dim);
    QFETCH(QString, expected);
    auto tree = treeFromTypeString(QStringLiteral("dict(x:T1s4x5x6)"));
    QVERIFY(tree);
    const spec::AlignedSpec aligned = alignedFromPython(*tree, text);
    QVERIFY2(aligned.issues.empty(),
             qPrintable(aligned.issues.empty() ? QString() : aligned.issues[0].message));
    QCOMPARE(analysis::dimSpecLabel(aligned.spec.dim(0, dim)), expected);
}

void ReferenceSpecTest::syntaxErrorsNameLineAndColumn_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing comma in a call") << "{'x': {0: Dim('b' min=1)}}"
                                             << "line 1, column 19"
                                             << "expected ',' or ')'";
    QTest::newRow("unclosed dict") << "{'x': {0: 'b'}\n"
                                   << "line 2, column 1"
                                   << "unexpected end of text";
    QTest::newRow("unknown hint, second line") << "{'x':\n  {0: Dim.FOO}}"
                                               << "line 2, column 7"
                                               << "unknown hint Dim.FOO";
    QTest::newRow("unclosed string") << "{'x': {0: 'b}}"
                                     << "line 1, column 11"
                                     << "string not closed";
    QTest::newRow("unknown name") << "{'x': {0: y}}"
                                  << "line 1, column 11"
                                  << "unknown name 'y'";
    QTest::newRow("derived of a string") << "{'x': {0: 2*'b'}}"
                                         << "line 1, column 12"
                                         << "'*' needs an integer and a Dim";
    QTest::newRow("stray character") << "{'x': $}"
                                     << "line 1, column 7"
                                     << "unexpected character '$'";
    QTest::newRow("third line after assignments") << "a = Dim('a')\nb = Dim('b')\n{'x': {0: a +}}"
                                                  << "line 3, column 14"
                                                  << "unexpected '}'";
    // Qt's JSON parser reports the column just after the offending '}' (26).
    QTest::newRow("bad DimStudio JSON")
        << "{\"dimstudio_spec\": 1,\n \"dynamic_shapes\": {\"x\": }}"
        << "line 2, column 27"
        << "not valid JSON";
}

void ReferenceSpecTest::syntaxErrorsNameLineAndColumn() {
    QFETCH(QString, text);
    QFETCH(QString, where);
    QFETCH(QString, message);
    auto parsed = analysis::parseSpecText(text.toUtf8());
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().where, where);
    QVERIFY2(parsed.error().message.contains(message), qPrintable(parsed.error().message));
}

void ReferenceSpecTest::fileErrorsNameTheFile() {
    const QString path = fixture(QStringLiteral("analysis/bad_syntax.py"));
    auto parsed = session::readSpecFile(path);
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().file, path);
    QCOMPARE(parsed.error().where, QStringLiteral("line 2, column 36"));
}

void ReferenceSpecTest::dynamicAxesMapFlatNames_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("layout");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("dim");
    QTest::addColumn<QString>("expected");
    const int transformers = static_cast<int>(caches::CacheLayout::Transformers);
    const int flat = static_cast<int>(caches::CacheLayout::Flat);
    QTest::newRow("axis names") << "{'input_ids': {0: 'batch', 1: 'seq'}}" << transformers
                                << "input_ids" << 1 << "'seq'";
    QTest::newRow("cache value, transformers")
        << "{'past_key_values.0.value': {2: 'past'}}" << transformers << "past_key_values.1.0" << 2
        << "'past'";
    QTest::newRow("cache value, flat") << "{'past_key_values.0.value': {2: 'past'}}" << flat
                                       << "past_key_values.1" << 2 << "'past'";
    QTest::newRow("list of axes") << "{'input_ids': [0, 1]}" << transformers << "input_ids" << 1
                                  << "'input_ids_dynamic_axes_2'";
    QTest::newRow("list names are identifiers")
        << "{'past_key_values.0.key': [0]}" << transformers << "past_key_values.0.0" << 0
        << "'past_key_values_0_key_dynamic_axes_1'";
    QTest::newRow("left out is static")
        << "{'past_key_values.0.key': [0]}" << transformers << "input_ids" << 0 << "static";
    QTest::newRow("JSON string axes") << R"({"past_key_values.0.key": {"0": "batch"}})"
                                      << transformers << "past_key_values.0.0" << 0 << "'batch'";
}

void ReferenceSpecTest::dynamicAxesMapFlatNames() {
    QFETCH(QString, text);
    QFETCH(int, layout);
    QFETCH(QString, path);
    QFETCH(int, dim);
    QFETCH(QString, expected);
    auto tree = treeFromTypeString(
        QStringLiteral("dict(input_ids:T7s2x3,past_key_values:DynamicCache("
                       "key_cache=#1[T1s2x1x30x96], value_cache=#1[T1s2x1x30x96]))"),
        static_cast<caches::CacheLayout>(layout));
    QVERIFY(tree);
    const analysis::SpecText spec = specFromPython(text);
    QVERIFY(spec.value);
    const spec::AlignedSpec aligned =
        session::readSpec(*tree, spec, analysis::ReferenceFormat::DynamicAxes).aligned;
    QVERIFY(aligned.issues.empty());
    const spec::ExportNode* node = tree->find(path);
    QVERIFY(node && node->kind == spec::ExportNode::Kind::Tensor);
    QCOMPARE(analysis::dimSpecLabel(aligned.spec.dim(node->tensorIndex, dim)), expected);
}

void ReferenceSpecTest::dynamicAxesProblemsAreStructureIssues() {
    auto tree = treeFromTypeString(QStringLiteral("dict(input_ids:T7s2x3,attention_mask:T7s2x3)"));
    const analysis::SpecText spec = specFromPython(QStringLiteral(
        "{'input_ids': {0: 'batch', 5: 'x'}, 'logits': {0: 'batch'}, 'attention_mask': [0]}"));
    const spec::AlignedSpec aligned = analysis::alignDynamicAxes(*tree, *spec.value);
    QCOMPARE(aligned.issues.size(), size_t(2));
    QCOMPARE(aligned.issues[0].path, QStringLiteral("input_ids"));
    QVERIFY(
        aligned.issues[0].message.contains(QStringLiteral("axis 5 is beyond the tensor's rank 2")));
    QCOMPARE(aligned.issues[1].path, QStringLiteral("logits"));
    QVERIFY(
        aligned.issues[1].message.contains(QStringLiteral("no input tensor is named 'logits'")));
    QCOMPARE(analysis::dimSpecLabel(aligned.spec.dim(0, 0)), QStringLiteral("'batch'"));
}

void ReferenceSpecTest::dynamicAxesEqualsTheSeedReferenceUpToBounds() {
    auto tree = seedStaticCacheTree();
    QVERIFY(tree);
    const analysis::SpecText axes =
        specFromFile(fixture(QStringLiteral("analysis/seed_dynamic_axes.py")));
    const analysis::SpecText reference =
        specFromFile(fixture(QStringLiteral("analysis/seed_reference.py")));
    QVERIFY(axes.value && reference.value);
    QVERIFY(analysis::looksLikeDynamicAxes(*tree, *axes.value));
    const session::SpecReading axesReading = session::readSpec(*tree, axes);
    QCOMPARE(axesReading.readAs, analysis::ReferenceFormat::DynamicAxes);
    const spec::AlignedSpec& fromAxes = axesReading.aligned;
    spec::ShapeSpec fromReference = session::readSpec(*tree, reference).aligned.spec;
    fromReference.setBoundsForName(QStringLiteral("batch"), std::nullopt, std::nullopt);
    QVERIFY(fromAxes.issues.empty());
    QVERIFY(fromAxes.spec == fromReference);
}

void ReferenceSpecTest::autoDetectionKeepsDynamicShapes_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("axes");
    QTest::newRow("clean dynamic_shapes")
        << "{'input_ids': {0: 'b'}, 'past_key_values': [[{0: 'b'}], [{0: 'b'}]]}" << false;
    QTest::newRow("flat cache names")
        << "{'input_ids': {0: 'b'}, 'past_key_values.0.key': {0: 'b'}}" << true;
    QTest::newRow("lists of axes") << "{'input_ids': [0]}" << true;
    QTest::newRow("no key is an input") << "{'logits': {0: 'b'}}" << false;
    QTest::newRow("top-level names only: a dynamic_shapes dict missing a key")
        << "{'input_ids': {0: 'b'}}" << false;
    QTest::newRow("not a dict") << "({0: 'b'}, None)" << false;
}

void ReferenceSpecTest::autoDetectionKeepsDynamicShapes() {
    QFETCH(QString, text);
    QFETCH(bool, axes);
    auto tree = treeFromTypeString(
        QStringLiteral("dict(input_ids:T7s2x3,past_key_values:DynamicCache("
                       "key_cache=#1[T1s2x1x30x96], value_cache=#1[T1s2x1x30x96]))"));
    const analysis::SpecText spec = specFromPython(text);
    QVERIFY(spec.value);
    QCOMPARE(analysis::looksLikeDynamicAxes(*tree, *spec.value), axes);
}

void ReferenceSpecTest::unalignedDimsAreRecorded_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("unaligned"); // "tensor.dim tensor.dim ..."
    QTest::newRow("everything aligns") << "{'a': {0: 'x'}, 'b': None}"
                                       << "";
    QTest::newRow("missing key") << "{'a': {0: 'x'}}"
                                 << "1.0 1.1 1.2";
    QTest::newRow("list shorter than the rank") << "{'a': ['x'], 'b': None}"
                                                << "0.1";
    QTest::newRow("not a dimension spec") << "{'a': {1: [1]}, 'b': None}"
                                          << "0.1";
    QTest::newRow("wrong container") << "{'a': 3, 'b': {}}"
                                     << "0.0 0.1";
}

void ReferenceSpecTest::unalignedDimsAreRecorded() {
    QFETCH(QString, text);
    QFETCH(QString, unaligned);
    auto tree = treeFromTypeString(QStringLiteral("dict(a:T1s2x3,b:T1s2x3x4)"));
    const spec::AlignedSpec aligned = alignedFromPython(*tree, text);
    QStringList found;
    for (const spec::DimRef& ref : aligned.unaligned)
        found << QStringLiteral("%1.%2").arg(ref.tensor).arg(ref.dim);
    QCOMPARE(found.join(QLatin1Char(' ')), unaligned);
}

QTEST_GUILESS_MAIN(ReferenceSpecTest)
#include "tst_referencespec.moc"
