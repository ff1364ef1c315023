#include "VerifyLoop.h"

namespace ds::runner {

bool VerifyReport::succeeded() const {
    return exported && !rounds.empty() && last().result.runsOk();
}

Result<VerifyReport> verifySpec(PythonRunner& runner, const session::Session& session,
                                const VerifyOptions& options, bool fix, int maxRounds,
                                const Progress& progress) {
    if (const Status loadable = checkLoadable(session.inputs(), options.trustPickle); !loadable)
        return loadable.error();
    VerifyReport report;
    auto started = runner.start();
    if (!started)
        return started.error();
    report.environment = started.value();
    spec::ShapeSpec current = session.spec();
    for (int round = 1; round <= std::max(1, maxRounds); ++round) {
        if (progress)
            progress(QStringLiteral("round %1: exporting").arg(round));
        auto answer = runner.request(verifyRequest(session, current, options), progress);
        if (!answer)
            return answer.error().withFile(runner.lastErrorCode().startsWith(QLatin1String("model"))
                                               ? options.model.path
                                               : session.inputs().path);
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

} // namespace ds::runner
