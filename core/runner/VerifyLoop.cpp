#include "VerifyLoop.h"

#include "spec/LayoutRemap.h"

#include <QHash>

#include <algorithm>

namespace ds::runner {

namespace {

// torch 2.14 renders some guards of an exported program with L[...], and
// calling ep.module() then raises NameError: name 'L' is not defined. Seen
// when a 1-d input (cache_position) shares its Dim with a dimension of
// another input; giving each such input its own name avoids it.
bool hitsGuardNameBug(const VerifyResult& result) {
    return std::any_of(result.runs.begin(), result.runs.end(), [](const VerifyRun& run) {
        return !run.ok && run.message.contains(QLatin1String("NameError: name 'L' is not defined"));
    });
}

verdict::VerdictOutcome ownNamesForOneDimInputs(const spec::ExportTree& tree,
                                                const spec::ShapeSpec& spec) {
    verdict::VerdictOutcome out;
    out.spec = spec;
    for (int t = 0; t < tree.tensorCount(); ++t) {
        const spec::ExportNode* node = tree.tensorNode(t);
        const spec::DimSpec& s = spec.dim(t, 0);
        if (node->tensor().rank() != 1 || s.kind != spec::DimSpec::Kind::Named ||
            spec.dimsNamed(s.name).size() < 2)
            continue;
        QString name = s.name + QLatin1Char('_') + node->key.toString();
        for (QChar& c : name)
            if (!c.isLetterOrNumber() && c != QLatin1Char('_'))
                c = QLatin1Char('_');
        const spec::DimSpec after = spec::DimSpec::named(name, s.min, s.max);
        out.changes.push_back(
            {{t, 0},
             s,
             after,
             QStringLiteral("torch 2.14's exported program fails its own guards (NameError: "
                            "name 'L' is not defined) when a 1-d input shares its Dim")});
        out.spec.setDim({t, 0}, after);
    }
    return out;
}

} // namespace

bool VerifyReport::succeeded() const {
    return exported && !rounds.empty() && last().result.runsOk();
}

Result<VerifyReport> verifySpec(PythonRunner& runner, const session::Session& session,
                                const VerifyOptions& options, bool fix, int maxRounds,
                                const Progress& progress) {
    if (const Status loadable = checkLoadable(session.inputs(), options.trustPickle); !loadable)
        return loadable.error();
    auto started = runner.start();
    if (!started)
        return started.error();
    const AnswerSource answers = [&](const QJsonObject& request) -> Result<QJsonObject> {
        auto answer = runner.request(request, progress);
        if (!answer)
            return answer.error().withFile(runner.lastErrorCode().startsWith(QLatin1String("model"))
                                               ? options.model.path
                                               : session.inputs().path);
        return answer;
    };
    return verifyWith(answers, started.value(), session, options, fix, maxRounds, progress);
}

Result<VerifyReport> verifyWith(const AnswerSource& answers, const RunnerInfo& environment,
                                const session::Session& session, const VerifyOptions& options,
                                bool fix, int maxRounds, const Progress& progress) {
    VerifyReport report;
    report.environment = environment;
    spec::ShapeSpec current = session.spec();
    for (int round = 1; round <= std::max(1, maxRounds); ++round) {
        if (progress)
            progress(QStringLiteral("round %1: exporting").arg(round));
        auto answer = answers(verifyRequest(session, current, options));
        if (!answer)
            return answer.error();
        auto result = parseVerifyResult(answer.value());
        if (!result)
            return result.error();
        VerifyRound r;
        r.spec = current;
        r.result = std::move(result).value();
        report.finalSpec = current;
        if (r.result.exported) {
            report.exported = true;
            report.diff = exported::diffExport(session.tree(), current, r.result.shapes);
            if (fix && hitsGuardNameBug(r.result) && round < maxRounds) {
                r.applied = ownNamesForOneDimInputs(session.tree(), current);
                if (!r.applied.changes.empty()) {
                    current = r.applied.spec;
                    report.finalSpec = current;
                    report.rounds.push_back(std::move(r));
                    report.exported = false;
                    continue;
                }
            }
            report.rounds.push_back(std::move(r));
            return report;
        }
        r.verdict = verdict::parseTorchError(r.result.errorText);
        if (fix) {
            r.applied = verdict::applyVerdict(session.tree(), current, r.verdict);
            if (r.applied.changes.empty()) {
                report.stalled = true;
                report.rounds.push_back(std::move(r));
                return report;
            }
            current = r.applied.spec;
            report.finalSpec = current;
        }
        report.rounds.push_back(std::move(r));
        if (!fix)
            return report;
    }
    report.stalled = true;
    return report;
}

namespace {

// Tensor index in `from` -> tensor index in `to`, by the saved tensor each
// stands for and its occurrence (as spec::remapSpec matches them).
std::vector<int> tensorMap(const spec::ExportTree& from, const spec::ExportTree& to) {
    QHash<const InputValue*, std::vector<int>> inTo;
    for (int u = 0; u < to.tensorCount(); ++u)
        inTo[to.tensorNode(u)->source.get()].push_back(u);
    std::vector<int> map(static_cast<size_t>(from.tensorCount()), -1);
    QHash<const InputValue*, int> seen;
    for (int t = 0; t < from.tensorCount(); ++t) {
        const InputValue* source = from.tensorNode(t)->source.get();
        const int occurrence = seen[source]++;
        const auto it = inTo.constFind(source);
        if (it != inTo.constEnd() && occurrence < static_cast<int>(it->size()))
            map[static_cast<size_t>(t)] = (*it)[static_cast<size_t>(occurrence)];
    }
    return map;
}

spec::DimRef mapRef(const std::vector<int>& map, spec::DimRef ref) {
    if (ref.tensor < 0 || ref.tensor >= static_cast<int>(map.size()) ||
        map[static_cast<size_t>(ref.tensor)] < 0)
        return {};
    return {map[static_cast<size_t>(ref.tensor)], ref.dim};
}

verdict::VerdictOutcome remapOutcome(const verdict::VerdictOutcome& outcome,
                                     const std::vector<int>& map, const spec::ExportTree& from,
                                     const spec::ExportTree& to) {
    verdict::VerdictOutcome out;
    out.spec = spec::remapSpec(from, outcome.spec, to);
    out.unmapped = outcome.unmapped;
    for (const verdict::VerdictChange& c : outcome.changes)
        if (const spec::DimRef ref = mapRef(map, c.ref); ref.tensor >= 0)
            out.changes.push_back({ref, c.before, c.after, c.reason});
    return out;
}

} // namespace

VerifyReport remapReport(const VerifyReport& report, const spec::ExportTree& from,
                         const spec::ExportTree& to) {
    if (from.layout() == to.layout())
        return report;
    const std::vector<int> map = tensorMap(from, to);
    VerifyReport out = report;
    out.finalSpec = spec::remapSpec(from, report.finalSpec, to);
    for (VerifyRound& round : out.rounds) {
        round.spec = spec::remapSpec(from, round.spec, to);
        round.applied = remapOutcome(round.applied, map, from, to);
    }
    out.diff.dims.clear();
    for (const exported::DimOutcomeRow& row : report.diff.dims) {
        const spec::DimRef ref = mapRef(map, row.ref);
        if (ref.tensor < 0)
            continue;
        exported::DimOutcomeRow moved = row;
        moved.ref = ref;
        moved.path = to.tensorNode(ref.tensor)->path();
        out.diff.dims.push_back(std::move(moved));
    }
    std::sort(out.diff.dims.begin(), out.diff.dims.end(),
              [](const auto& a, const auto& b) { return a.ref < b.ref; });
    return out;
}

} // namespace ds::runner
