// Checks of a spec against its example inputs: one rule per row.
#include "AnalysisTestData.h"
#include "analysis/SpecCheck.h"
#include "session/SessionAnalysis.h"

using namespace ds;
using namespace ds::test;

namespace {

std::vector<analysis::CheckFinding> findingsFor(const spec::ExportTree& tree,
                                                const QString& specText) {
    const analysis::SpecText spec = specFromPython(specText);
    if (!spec.value)
        return {};
    const session::SpecReading reading = session::readSpec(tree, spec);
    return session::runChecks(tree, reading.aligned.spec, &reading);
}

QString describe(const analysis::CheckFinding& f) {
    return QStringLiteral("%1:%2 %3 %4")
        .arg(f.path)
        .arg(f.ref.dim)
        .arg(severityName(f.severity), f.rule);
}

QStringList describeAll(const std::vector<analysis::CheckFinding>& findings) {
    QStringList out;
    for (const analysis::CheckFinding& f : findings)
        out << describe(f);
    return out;
}

} // namespace

class SpecCheckTest : public QObject {
    Q_OBJECT
private slots:
    void eachRule_data();
    void eachRule();
    void seedAllDynamicFlagsEverySizeOneDimension();
    void seedReferenceIsClean();
    void everyRuleOnOneFixture();
    void findingsCarryAFix();
    void jsonForm();
    void textForm();
};

void SpecCheckTest::eachRule_data() {
    QTest::addColumn<QString>("inputs");
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QStringList>("expected"); // "path:dim severity rule"
    const QString sizes = QStringLiteral("dict(a:T1s1x3,b:T1s0x3,c:T1s2x5)");
    QTest::newRow("size 1, named: error") << sizes << "{'a': {0: 'n'}, 'b': {}, 'c': {}}"
                                          << QStringList{"a:0 error specialized_size"};
    QTest::newRow("size 0, named: error") << sizes << "{'a': {}, 'b': {0: 'z'}, 'c': {}}"
                                          << QStringList{"b:0 error specialized_size"};
    QTest::newRow("size 1, DYNAMIC: error") << sizes << "{'a': {0: Dim.DYNAMIC}, 'b': {}, 'c': {}}"
                                            << QStringList{"a:0 error specialized_size"};
    QTest::newRow("size 1, AUTO: warning") << sizes << "{'a': {0: Dim.AUTO}, 'b': {}, 'c': {}}"
                                           << QStringList{"a:0 warning specialized_size"};
    QTest::newRow("size 1, STATIC: fine")
        << sizes << "{'a': {0: Dim.STATIC}, 'b': {}, 'c': {}}" << QStringList{};
    QTest::newRow("one name, two sizes") << sizes << "{'a': {1: 's'}, 'b': {}, 'c': {1: 's'}}"
                                         << QStringList{"c:1 error inconsistent_sizes"};
    QTest::newRow("one name, one size")
        << sizes << "{'a': {1: 's'}, 'b': {1: 's'}, 'c': {}}" << QStringList{};
    QTest::newRow("below min") << sizes << "{'a': {}, 'b': {}, 'c': {1: Dim('s', min=8)}}"
                               << QStringList{"c:1 error out_of_bounds"};
    QTest::newRow("above max") << sizes << "{'a': {}, 'b': {}, 'c': {0: Dim.DYNAMIC(max=1)}}"
                               << QStringList{"c:0 error out_of_bounds"};
    QTest::newRow("within bounds")
        << sizes << "{'a': {}, 'b': {}, 'c': {1: Dim('s', min=2, max=5)}}" << QStringList{};
    QTest::newRow("not an identifier") << sizes << "{'a': {}, 'b': {}, 'c': {1: 'seq-len'}}"
                                       << QStringList{"c:1 error invalid_name"};
    QTest::newRow("a keyword is no identifier") << sizes << "{'a': {}, 'b': {}, 'c': {1: 'class'}}"
                                                << QStringList{"c:1 error invalid_name"};
    QTest::newRow("one name, two bounds")
        << sizes << "{'a': {1: Dim('s', max=8)}, 'b': {1: Dim('s', max=9)}, 'c': {}}"
        << QStringList{"b:1 error conflicting_bounds"};
    QTest::newRow("derived with A = 0")
        << sizes << "s = Dim('s')\n{'a': {1: s}, 'b': {}, 'c': {1: 0*s + 5}}"
        << QStringList{"c:1 error bad_derived"};
    QTest::newRow("derived, wrong size")
        << sizes << "s = Dim('s')\n{'a': {1: s}, 'b': {}, 'c': {1: 2*s}}"
        << QStringList{"c:1 error bad_derived"};
    QTest::newRow("derived, right size")
        << sizes << "s = Dim('s')\n{'a': {1: s}, 'b': {}, 'c': {1: 2*s - 1}}" << QStringList{};
    QTest::newRow("spec on an int")
        << "dict(x:T1s2x3,n:int,flag:bool)"
        << "{'x': {}, 'n': {0: 'b'}, 'flag': None}" << QStringList{"n:-1 error non_tensor_spec"};
    QTest::newRow("spec on None in a tuple")
        << "(T1s2x3,None)"
        << "({0: 'b'}, 'b')" << QStringList{"1:-1 error non_tensor_spec"};
    QTest::newRow("structure") << sizes << "{'a': {}, 'b': {}}"
                               << QStringList{"c:-1 error structure"};
}

void SpecCheckTest::eachRule() {
    QFETCH(QString, inputs);
    QFETCH(QString, spec);
    QFETCH(QStringList, expected);
    auto tree = treeFromTypeString(inputs);
    QVERIFY(tree);
    QCOMPARE(describeAll(findingsFor(*tree, spec)), expected);
}

void SpecCheckTest::seedAllDynamicFlagsEverySizeOneDimension() {
    auto tree = seedStaticCacheTree();
    QVERIFY(tree);
    const auto findings = analysis::checkSpec(*tree, spec::ShapeSpec::allDynamic(*tree));
    // attention_mask is 2x1x3x96, the cache tensors 2x1x96x96: three dims of size 1.
    QCOMPARE(describeAll(findings), QStringList({"attention_mask:1 error specialized_size",
                                                 "past_key_values.0.0:1 error specialized_size",
                                                 "past_key_values.1.0:1 error specialized_size"}));
    QVERIFY(analysis::hasErrors(findings));
    QCOMPARE(findings[0].message,
             QStringLiteral("'d_1_1' is dynamic but its example size is 1: export "
                            "specialises it to the constant 1 and fails"));
}

void SpecCheckTest::seedReferenceIsClean() {
    auto tree = seedStaticCacheTree();
    const analysis::SpecText reference =
        specFromFile(fixture(QStringLiteral("analysis/seed_reference.py")));
    QVERIFY(tree && reference.value);
    const session::SpecReading reading = session::readSpec(*tree, reference);
    const auto findings = session::runChecks(*tree, reading.aligned.spec, &reading);
    QCOMPARE(describeAll(findings), QStringList());
}

void SpecCheckTest::everyRuleOnOneFixture() {
    auto tree = seedStaticCacheTree();
    QVERIFY(tree);
    const analysis::SpecText spec =
        specFromFile(fixture(QStringLiteral("analysis/spec_with_problems.py")));
    QVERIFY(spec.value);
    const session::SpecReading reading = session::readSpec(*tree, spec);
    const auto findings = session::runChecks(*tree, reading.aligned.spec, &reading);
    QCOMPARE(describeAll(findings), QStringList({"input_ids:1 error out_of_bounds",
                                                 "attention_mask:0 error conflicting_bounds",
                                                 "attention_mask:1 warning specialized_size",
                                                 "attention_mask:2 error conflicting_bounds",
                                                 "attention_mask:3 error invalid_name",
                                                 "past_key_values.0.0:0 error conflicting_bounds",
                                                 "past_key_values.0.0:2 error bad_derived",
                                                 "past_key_values.0.0:3 error inconsistent_sizes",
                                                 "past_key_values.1.0:0 error conflicting_bounds",
                                                 "past_key_values.1.0:1 error specialized_size",
                                                 "past_key_values.1.0:2 error bad_derived"}));
}

void SpecCheckTest::findingsCarryAFix() {
    auto tree = seedStaticCacheTree();
    const analysis::SpecText spec =
        specFromFile(fixture(QStringLiteral("analysis/spec_with_problems.py")));
    QVERIFY(tree && spec.value);
    const session::SpecReading reading = session::readSpec(*tree, spec);
    for (const analysis::CheckFinding& f :
         session::runChecks(*tree, reading.aligned.spec, &reading)) {
        QVERIFY2(!f.fix.isEmpty() && !f.fix.contains(QLatin1Char('\n')), qPrintable(describe(f)));
        QVERIFY2(!f.message.isEmpty(), qPrintable(describe(f)));
    }
}

void SpecCheckTest::jsonForm() {
    auto tree = treeFromTypeString(QStringLiteral("dict(a:T1s1x3,n:int)"));
    const auto findings = findingsFor(*tree, QStringLiteral("{'a': {0: Dim.AUTO}, 'n': 3}"));
    QCOMPARE(findingsToJson(findings), QByteArray(R"({
  "findings": [
    {
      "path": "n",
      "dim": null,
      "severity": "error",
      "rule": "non_tensor_spec",
      "message": "3 given for a non-tensor value (int): torch.export wants None there",
      "fix": "write None at n"
    },
    {
      "path": "a",
      "dim": 0,
      "severity": "warning",
      "rule": "specialized_size",
      "message": "Dim.AUTO is dynamic but its example size is 1: export will quietly make it the constant 1",
      "fix": "make a dim 0 static, or use example inputs where it is at least 2"
    }
  ]
}
)"));
    QCOMPARE(analysis::findingsToJson({}), QByteArray("{\"findings\": []}\n"));
}

void SpecCheckTest::textForm() {
    auto tree = treeFromTypeString(QStringLiteral("dict(a:T1s2x3)"));
    QCOMPARE(findingsToText(findingsFor(*tree, QStringLiteral("{'a': {0: 'x'}}"))),
             QStringLiteral("no findings\n"));
    QCOMPARE(
        findingsToText(findingsFor(*tree, QStringLiteral("{'a': {1: Dim('s', max=2)}}"))),
        QStringLiteral("error    out_of_bounds  a dim 1: example size 3 is outside the bounds of "
                       "Dim('s', max=2) (min=None, max=2)\n"
                       "         fix: raise max to 3 or more\n"
                       "1 error, 0 warnings\n"));
}

QTEST_GUILESS_MAIN(SpecCheckTest)
#include "tst_speccheck.moc"
