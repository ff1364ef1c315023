// torch's error texts, recorded from real runs of torch 2.14 and 2.6
// (tests/fixtures/torch_errors, made by record_torch_errors.py), read and
// applied: the result is the spec torch's own
// refine_dynamic_shapes_from_suggested_fixes made from the same text.
#include "FixtureFiles.h"
#include "analysis/DimSpecText.h"
#include "formats/InputFormats.h"
#include "session/Session.h"
#include "verdict/ApplyVerdict.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace ds;

namespace {

const QString kRepo = QStringLiteral(DIMSTUDIO_FIXTURES "/../..");

QString errorsDir(const QString& name) {
    return fixtures::path(QStringLiteral("torch_errors/") + name);
}

QJsonArray recordedCases() {
    QFile file(errorsDir(QStringLiteral("cases.json")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll())
        .object()
        .value(QStringLiteral("cases"))
        .toArray();
}

// Static is static whatever int a spec wrote for it; a derived dim is its
// root, factor and offset (the root's range goes with the root).
bool sameDecision(const spec::DimSpec& a, const spec::DimSpec& b) {
    if (!a.isDynamic() || !b.isDynamic())
        return a.isDynamic() == b.isDynamic();
    if (a.kind != b.kind || a.name != b.name)
        return false;
    if (a.kind == spec::DimSpec::Kind::Derived)
        return a.mul == b.mul && a.add == b.add;
    if (a.kind == spec::DimSpec::Kind::Hint && a.hint != b.hint)
        return false;
    return a.min == b.min && a.max == b.max;
}

QString readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

struct Opened {
    session::Session session;
    spec::ShapeSpec asked;
};

std::optional<Opened> open(const QString& inputs, const QString& layout, const QString& specFile) {
    auto loaded = formats::openInputs(kRepo + QLatin1Char('/') + inputs);
    if (!loaded) {
        qWarning("%s", qPrintable(loaded.error().toString()));
        return std::nullopt;
    }
    session::Session session(std::move(loaded).value(), caches::layoutFromName(layout).value_or(
                                                            caches::CacheLayout::Transformers));
    auto spec = session::readSpecFile(specFile);
    if (!spec || !session.useSpec(spec.value(), true)) {
        qWarning("cannot read %s against %s", qPrintable(specFile), qPrintable(inputs));
        return std::nullopt;
    }
    return Opened{session, session.spec()};
}

} // namespace

class TorchVerdictTest : public QObject {
    Q_OBJECT
private slots:
    void fixesGiveTorchsRefinedSpec_data();
    void fixesGiveTorchsRefinedSpec();
    void hintSpecialisationsMakeTheirDimsStatic_data();
    void hintSpecialisationsMakeTheirDimsStatic();
    void everyFixFormIsRecorded();
    void olderAndOddForms();
    void linesThatCannotBeAppliedAreListed();
};

void TorchVerdictTest::fixesGiveTorchsRefinedSpec_data() {
    QTest::addColumn<QString>("inputs");
    QTest::addColumn<QString>("layout");
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("refined");
    int rows = 0;
    for (const QJsonValue& c : recordedCases()) {
        const QJsonObject kase = c.toObject();
        for (const QJsonValue& r : kase.value(QStringLiteral("rounds")).toArray()) {
            const QJsonObject round = r.toObject();
            const QString refined = round.value(QStringLiteral("refined")).toString();
            if (refined.isEmpty())
                continue;
            QTest::newRow(qPrintable(QStringLiteral("%1 round %2")
                                         .arg(kase.value(QStringLiteral("name")).toString())
                                         .arg(round.value(QStringLiteral("round")).toInt())))
                << kase.value(QStringLiteral("inputs")).toString()
                << kase.value(QStringLiteral("layout")).toString()
                << errorsDir(round.value(QStringLiteral("spec")).toString())
                << errorsDir(round.value(QStringLiteral("error")).toString()) << errorsDir(refined);
            ++rows;
        }
    }
    QVERIFY2(rows >= 40, qPrintable(QStringLiteral("%1 recorded rounds").arg(rows)));
}

void TorchVerdictTest::fixesGiveTorchsRefinedSpec() {
    QFETCH(QString, inputs);
    QFETCH(QString, layout);
    QFETCH(QString, spec);
    QFETCH(QString, error);
    QFETCH(QString, refined);
    auto opened = open(inputs, layout, spec);
    QVERIFY(opened);
    const spec::ExportTree& tree = opened->session.tree();

    const verdict::TorchVerdict verdict = verdict::parseTorchError(readAll(error));
    QVERIFY(!verdict.fixes.empty());
    QCOMPARE(verdict.unparsed, QStringList());
    const verdict::VerdictOutcome outcome = verdict::applyVerdict(tree, opened->asked, verdict);
    QCOMPARE(outcome.unmapped, QStringList());
    QVERIFY(!outcome.changes.empty());

    auto expectedSource = session::readSpecFile(refined);
    QVERIFY(expectedSource);
    const session::SpecReading expected = opened->session.read(expectedSource.value());
    QVERIFY(expected.aligned.issues.empty());
    for (int t = 0; t < tree.tensorCount(); ++t)
        for (int d = 0; d < tree.tensorNode(t)->tensor().rank(); ++d)
            QVERIFY2(sameDecision(outcome.spec.dim(t, d), expected.aligned.spec.dim(t, d)),
                     qPrintable(QStringLiteral("%1: DimStudio %2, torch %3")
                                    .arg(analysis::dimPlace(tree, {t, d}),
                                         analysis::dimSpecLabel(outcome.spec.dim(t, d)),
                                         analysis::dimSpecLabel(expected.aligned.spec.dim(t, d)))));
}

void TorchVerdictTest::hintSpecialisationsMakeTheirDimsStatic_data() {
    QTest::addColumn<QString>("inputs");
    QTest::addColumn<QString>("layout");
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("error");
    int rows = 0;
    for (const QJsonValue& c : recordedCases()) {
        const QJsonObject kase = c.toObject();
        for (const QJsonValue& r : kase.value(QStringLiteral("rounds")).toArray()) {
            const QJsonObject round = r.toObject();
            const QString errorFile = round.value(QStringLiteral("error")).toString();
            if (errorFile.isEmpty() || !round.value(QStringLiteral("refined")).toString().isEmpty())
                continue;
            const QString text = readAll(errorsDir(errorFile));
            if (!text.contains(QLatin1String("specialized it to be a constant")) &&
                !text.contains(QLatin1String("inferred to be a constant")))
                continue;
            QTest::newRow(qPrintable(kase.value(QStringLiteral("name")).toString()))
                << kase.value(QStringLiteral("inputs")).toString()
                << kase.value(QStringLiteral("layout")).toString()
                << errorsDir(round.value(QStringLiteral("spec")).toString())
                << errorsDir(errorFile);
            ++rows;
        }
    }
    QVERIFY2(rows >= 5, qPrintable(QStringLiteral("%1 recorded hint texts").arg(rows)));
}

// A spec of hints gets no suggested fixes: the dims torch specialised are
// named by their sources (L['x'].size()[1], torch 2.6: L['args'][1]['x'])
// and become static, each with the constant torch gave.
void TorchVerdictTest::hintSpecialisationsMakeTheirDimsStatic() {
    QFETCH(QString, inputs);
    QFETCH(QString, layout);
    QFETCH(QString, spec);
    QFETCH(QString, error);
    auto opened = open(inputs, layout, spec);
    QVERIFY(opened);
    const verdict::TorchVerdict verdict = verdict::parseTorchError(readAll(error));
    QVERIFY(verdict.fixes.empty());
    const verdict::VerdictOutcome outcome =
        verdict::applyVerdict(opened->session.tree(), opened->asked, verdict);
    QVERIFY(!outcome.changes.empty());
    for (const verdict::VerdictChange& c : outcome.changes) {
        QVERIFY(c.before.isDynamic());
        QVERIFY(!c.after.isDynamic());
        QVERIFY(c.after.fixedValue.has_value());
        QCOMPARE(opened->session.tree().tensorNode(c.ref.tensor)->tensor().shape[c.ref.dim],
                 *c.after.fixedValue); // the example's own size
    }
}

void TorchVerdictTest::everyFixFormIsRecorded() {
    QSet<int> kinds;
    for (const QJsonValue& c : recordedCases())
        for (const QJsonValue& r : c.toObject().value(QStringLiteral("rounds")).toArray()) {
            const QString error = r.toObject().value(QStringLiteral("error")).toString();
            if (error.isEmpty())
                continue;
            for (const verdict::SuggestedFix& f :
                 verdict::parseTorchError(readAll(errorsDir(error))).fixes)
                kinds.insert(static_cast<int>(f.kind));
        }
    for (auto kind : {verdict::SuggestedFix::Kind::Bounds, verdict::SuggestedFix::Kind::Constant,
                      verdict::SuggestedFix::Kind::Equal, verdict::SuggestedFix::Kind::Derived})
        QVERIFY(kinds.contains(static_cast<int>(kind)));
}

void TorchVerdictTest::olderAndOddForms() {
    // torch before 2.4 specialised with "x = None  # 4"; torch 2.14 glues
    // "Specializations unexpectedly required" to the line before.
    const verdict::TorchVerdict v = verdict::parseTorchError(QStringLiteral(
        "Constraints violated (x, dx)! For more information, run with TORCH_LOGS=\"+dynamic\".\n"
        "  - Not all values of x = L['a'].size()[0] in the specified range satisfy the "
        "generated guard 2 <= L['a'].size()[0] and L['a'].size()[0] <= "
        "IntInfinity()Specializations unexpectedly required (dx)! For more information\n"
        "  - solving the guards generated for dx = L['b'].size()[1] resulted in a specialized "
        "value of 6.\n"
        "\n"
        "Suggested fixes:\n"
        "  x = None  # 4\n"
        "  dx = 6\n"
        "  y = 3*x - 2\n"
        "  z = Dim('z', max=31)\n"
        "\n"
        "The error above occurred when calling torch.export.export.\n"));
    QCOMPARE(v.violations.size(), size_t(2));
    QCOMPARE(v.violations[1].kind, verdict::Violation::Kind::Specialized);
    QCOMPARE(*v.violations[1].constant, qint64(6));
    QCOMPARE(v.violations[1].sources, QStringList{QStringLiteral("L['b'].size()[1]")});
    QCOMPARE(v.fixes.size(), size_t(4));
    QCOMPARE(v.fixes[0].kind, verdict::SuggestedFix::Kind::Constant);
    QCOMPARE(v.fixes[0].constant, qint64(4));
    QCOMPARE(v.fixes[2].kind, verdict::SuggestedFix::Kind::Derived);
    QCOMPARE(v.fixes[2].base, QStringLiteral("x"));
    QCOMPARE(v.fixes[2].mul, qint64(3));
    QCOMPARE(v.fixes[2].add, qint64(-2));
    QVERIFY(!v.fixes[3].min);
    QCOMPARE(*v.fixes[3].max, qint64(31));
    const auto source = verdict::parseSource(QStringLiteral("L['args'][1]['x'].size()[2]"));
    QVERIFY(source);
    QCOMPARE(source->path, (std::vector<QString>{"args", "1", "x"}));
    QCOMPARE(source->isIndex, (std::vector<bool>{false, true, false}));
    QCOMPARE(source->dim, 2);
}

void TorchVerdictTest::linesThatCannotBeAppliedAreListed() {
    auto loaded =
        formats::inputsFromText(QStringLiteral("dict(x:T1s2x5,y:T1s2x11)"), QStringLiteral("test"));
    QVERIFY(loaded);
    session::Session session(std::move(loaded).value(), caches::CacheLayout::Transformers);
    const verdict::TorchVerdict v = verdict::parseTorchError(QStringLiteral(
        "Suggested fixes:\n  nobody = Dim('nobody', min=3)\n  d_0_1 = sqrt(d_1_1)\n"));
    const verdict::VerdictOutcome outcome =
        verdict::applyVerdict(session.tree(), session.spec(), v);
    QCOMPARE(outcome.changes.size(), size_t(0));
    QCOMPARE(outcome.unmapped.size(), 2);
    QVERIFY(outcome.unmapped[0].contains(QLatin1String("not a fix DimStudio can read")));
    QVERIFY(outcome.unmapped[1].contains(QLatin1String("no dimension is named nobody")));
}

QTEST_GUILESS_MAIN(TorchVerdictTest)
#include "tst_torchverdict.moc"
