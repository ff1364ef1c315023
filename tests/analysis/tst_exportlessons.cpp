// What torch.export taught us, checked before export runs: on real inputs of
// tiny transformers 5.12 models saved by torch 2.14 (fixtures/models).
#include "AnalysisTestData.h"
#include "formats/InputFormats.h"
#include "session/Session.h"

#include <QtTest>

using namespace ds;
using namespace ds::test;

namespace {

LoadedInputs model(const char* family, const char* set = "a") {
    auto loaded = formats::openInputs(fixture(
        QStringLiteral("models/%1/inputs_%2.pt").arg(QLatin1String(family), QLatin1String(set))));
    if (!loaded)
        qFatal("%s", qPrintable(loaded.error().toString()));
    return std::move(loaded).value();
}

QStringList rulesAt(const std::vector<analysis::CheckFinding>& findings, const QString& rule) {
    QStringList places;
    for (const analysis::CheckFinding& f : findings)
        if (f.rule == rule)
            places << (f.ref.tensor >= 0 ? QStringLiteral("%1:%2").arg(f.path).arg(f.ref.dim)
                                         : f.path);
    return places;
}

} // namespace

class ExportLessonsTest : public QObject {
    Q_OBJECT
private slots:
    // The attention mask spans cache + new tokens: torch asks for a minimum.
    void sumOfCacheAndNewTokensNeedsAMinimum() {
        auto guessed = session::Session::guess({model("llama", "a"), model("llama", "b")},
                                               caches::CacheLayout::Transformers,
                                               analysis::GuessNaming::Semantic);
        QVERIFY(guessed);
        const auto findings = guessed.value().check();
        QCOMPARE(rulesAt(findings, analysis::check_rule::kSumWithoutMinimum),
                 QStringList{QStringLiteral("attention_mask:1")});
        QCOMPARE(guessed.value().otherSets().size(), size_t(1));
    }

    // Two names over sizes that move together in every set: torch says
    // "must always be equal" for exactly these (recorded from torch 2.14).
    void equalInEverySetUnderTwoNames() {
        session::Session s(model("llama", "a"), caches::CacheLayout::Transformers);
        QVERIFY(rulesAt(s.check(), analysis::check_rule::kEqualSizesTwoNames).isEmpty());
        QVERIFY(s.addOtherSet(model("llama", "b")));
        const QStringList places = rulesAt(s.check(), analysis::check_rule::kEqualSizesTwoNames);
        for (const char* place : {"position_ids:0", "position_ids:1", "past_key_values.0.0:0",
                                  "past_key_values.0.1:2", "past_key_values.1.1:0"})
            QVERIFY2(places.contains(QLatin1String(place)), qPrintable(places.join(' ')));
        // Heads and head dims do not vary between the sets: no equality to infer.
        QVERIFY(!places.contains(QStringLiteral("past_key_values.0.0:1")));
    }

    void anotherModelsSetIsRefused() {
        session::Session s(model("llama"), caches::CacheLayout::Transformers);
        const Status added = s.addOtherSet(model("t5"));
        QVERIFY(!added);
        QVERIFY(added.error().file.endsWith(QLatin1String("t5/inputs_a.pt")));
    }

    // A sliding window's counter cannot travel in [[k...], [v...]].
    void layoutsThatCannotCarryTheState() {
        session::Session transformers(model("gemma2"), caches::CacheLayout::Transformers);
        QCOMPARE(rulesAt(transformers.check(), analysis::check_rule::kUnfaithfulLayout),
                 QStringList{QStringLiteral("past_key_values")});
        session::Session layers(model("gemma2"), caches::CacheLayout::Layers);
        QVERIFY(rulesAt(layers.check(), analysis::check_rule::kUnfaithfulLayout).isEmpty());
        session::Session plain(model("llama"), caches::CacheLayout::Transformers);
        QVERIFY(rulesAt(plain.check(), analysis::check_rule::kUnfaithfulLayout).isEmpty());
    }

    // The python format prints the registration the inputs need above
    // dynamic_shapes, and still reads back.
    void pythonFormatRegistersTheCaches() {
        session::Session layers(model("gemma2"), caches::CacheLayout::Layers);
        const QString text = layers.specText(spec::SpecFormat::Python);
        QVERIFY(text.contains(QLatin1String("dimstudio_runner.register_for(inputs, \"layers\")")));
        QVERIFY(text.contains(QLatin1String("DynamicSlidingWindowLayer")));
        auto back = session::parseSpecSource(text.toUtf8(), QStringLiteral("snippet"));
        QVERIFY(back);
        QVERIFY(layers.read(back.value()).aligned.issues.empty());
        QCOMPARE(layers.read(back.value()).aligned.spec, layers.spec());
        session::Session plain(model("llama"), caches::CacheLayout::Transformers);
        QVERIFY(plain.specText(spec::SpecFormat::Python)
                    .contains(QLatin1String("register_dynamic_cache_export_support()")));
        auto whisper = session::Session(model("whisper"), caches::CacheLayout::Transformers);
        QVERIFY(whisper.specText(spec::SpecFormat::Python)
                    .contains(QLatin1String("register_for(inputs, \"transformers\")")));
    }

    void noneWhereACacheStands() {
        session::Session s(model("llama"), caches::CacheLayout::Transformers);
        auto spec =
            session::parseSpecSource("{'input_ids': {0: 'batch'}, 'attention_mask': {0: 'batch'}, "
                                     "'position_ids': {0: 'batch'}, 'past_key_values': None}",
                                     QStringLiteral("spec"));
        QVERIFY(spec);
        QVERIFY(s.useSpec(spec.value(), false));
        const auto findings = s.check();
        QCOMPARE(rulesAt(findings, analysis::check_rule::kNoneForNode),
                 QStringList{QStringLiteral("past_key_values")});
        QVERIFY(analysis::hasErrors(findings));
    }
};

QTEST_GUILESS_MAIN(ExportLessonsTest)
#include "tst_exportlessons.moc"
