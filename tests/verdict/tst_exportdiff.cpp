// What export made of each dimension, against what was asked: kept,
// specialized, merged (both ways), bounds, extra; inputs that do not line up.
#include "exported/ExportDiff.h"
#include "formats/InputFormats.h"
#include "session/Session.h"

#include <QtTest>

using namespace ds;

namespace {

exported::ExportedSize constant(qint64 v) {
    exported::ExportedSize s;
    s.constant = true;
    s.value = v;
    return s;
}

exported::ExportedSize symbol(const QString& expr, std::optional<qint64> min = 2,
                              std::optional<qint64> max = std::nullopt) {
    exported::ExportedSize s;
    s.expr = expr;
    s.min = min;
    s.max = max;
    return s;
}

session::Session sessionWith(const QString& typeString, const QString& spec) {
    auto loaded = formats::inputsFromText(typeString, QStringLiteral("test"));
    session::Session s(std::move(loaded).value(), caches::CacheLayout::Transformers);
    auto source = session::parseSpecSource(spec.toUtf8(), QStringLiteral("spec"));
    if (!source || !s.useSpec(source.value(), true))
        qFatal("bad spec");
    return s;
}

} // namespace

class ExportDiffTest : public QObject {
    Q_OBJECT
private slots:
    void everyOutcome() {
        const session::Session s =
            sessionWith(QStringLiteral("dict(a:T1s2x3x4,b:T1s2x3,c:T1s5)"),
                        QStringLiteral("{'a': {0: 'batch', 1: 'seq', 2: Dim('w', min=2, max=64)}, "
                                       "'b': {0: 'batch', 1: 'len'}, 'c': None}"));
        exported::ExportedShapes shapes;
        shapes.inputs.push_back({QStringLiteral("['a']"),
                                 QStringLiteral("a"),
                                 true,
                                 {symbol("s0"), symbol("s1"), symbol("s2", 2, 32)}});
        shapes.inputs.push_back(
            {QStringLiteral("['b']"), QStringLiteral("b"), true, {symbol("s0"), symbol("s1")}});
        shapes.inputs.push_back(
            {QStringLiteral("['c']"), QStringLiteral("c"), true, {symbol("s9")}});
        const exported::ExportDiff diff = exported::diffExport(s.tree(), s.spec(), shapes);
        QCOMPARE(diff.dims.size(), size_t(6));
        QCOMPARE(diff.dims[0].status, exported::DimOutcome::Kept);   // a.0 batch, s0 alone
        QCOMPARE(diff.dims[1].status, exported::DimOutcome::Merged); // a.1 seq = s1 = b.1 len
        QCOMPARE(diff.dims[2].status, exported::DimOutcome::Bounds); // max 64 asked, 32 exported
        QCOMPARE(diff.dims[4].status, exported::DimOutcome::Merged);
        QCOMPARE(diff.dims[5].status, exported::DimOutcome::Extra); // c asked static
        QVERIFY(diff.dims[1].detail.contains(QLatin1String("s1 is one symbol for len, seq")));
        QVERIFY(!diff.clean());
        QCOMPARE(diff.dims[0].input, QStringLiteral("a"));
    }

    void specializedAndSplit() {
        const session::Session s =
            sessionWith(QStringLiteral("(T1s2x3,T1s2x3)"),
                        QStringLiteral("({0: 'batch', 1: 'seq'}, {0: 'batch', 1: 'seq'})"));
        exported::ExportedShapes shapes; // no paths: lined up by position
        shapes.inputs.push_back(
            {QString(), QStringLiteral("x"), true, {symbol("s0"), constant(3)}});
        shapes.inputs.push_back(
            {QString(), QStringLiteral("y"), true, {symbol("s7"), constant(3)}});
        const exported::ExportDiff diff = exported::diffExport(s.tree(), s.spec(), shapes);
        QCOMPARE(diff.dims[1].status, exported::DimOutcome::Specialized);
        QCOMPARE(diff.dims[0].status, exported::DimOutcome::Merged); // 'batch' became s0 and s7
        QVERIFY(diff.dims[0].detail.contains(QLatin1String("several symbols")));
        QCOMPARE(diff.count(exported::DimOutcome::Specialized), 2);
        const QString text = exported::diffToText(diff);
        QVERIFY(text.startsWith(QLatin1String("kept 0, specialized 2, merged 2")));
    }

    void structureProblemsAreListed() {
        const session::Session s =
            sessionWith(QStringLiteral("dict(a:T1s2x3)"), QStringLiteral("{'a': {0: 'batch'}}"));
        exported::ExportedShapes shapes;
        shapes.inputs.push_back(
            {QStringLiteral("['zzz']"), QStringLiteral("zzz"), true, {symbol("s0"), constant(3)}});
        const exported::ExportDiff diff = exported::diffExport(s.tree(), s.spec(), shapes);
        QCOMPARE(diff.structure.size(), 2);
        QVERIFY(!diff.clean());
        const QByteArray json = exported::diffToJson(diff);
        QVERIFY(json.contains("\"structure\": 2"));
    }

    void keptExactlyIsClean() {
        const session::Session s =
            sessionWith(QStringLiteral("dict(a:T1s2x3)"), QStringLiteral("{'a': {0: 'batch'}}"));
        exported::ExportedShapes shapes;
        shapes.inputs.push_back({QStringLiteral("['a']"),
                                 QStringLiteral("a"),
                                 true,
                                 {symbol("s0", 0, std::nullopt), constant(3)}});
        const exported::ExportDiff diff = exported::diffExport(s.tree(), s.spec(), shapes);
        QVERIFY(diff.clean());
        QCOMPARE(diff.dims[1].status, exported::DimOutcome::Static);
    }
};

QTEST_GUILESS_MAIN(ExportDiffTest)
#include "tst_exportdiff.moc"
