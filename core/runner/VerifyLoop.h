#pragma once

#include "PythonRunner.h"
#include "VerifyRequest.h"
#include "exported/ExportDiff.h"
#include "verdict/ApplyVerdict.h"

namespace ds::runner {

// One export of one spec, and, when torch refused it, its verdict read and
// (with fixing) applied.
struct VerifyRound {
    spec::ShapeSpec spec; // the spec exported this round
    VerifyResult result;
    verdict::TorchVerdict verdict;   // refused: what torch said
    verdict::VerdictOutcome applied; // refused, when fixing: the next round's spec
};

struct VerifyReport {
    RunnerInfo environment;
    std::vector<VerifyRound> rounds;
    bool exported = false;
    bool stalled = false; // refused and torch's verdict changed nothing (or rounds ran out)
    // The last round's: what export made of each dimension (exported only).
    exported::ExportDiff diff;
    spec::ShapeSpec finalSpec; // the last round's spec (after the last fixes when refused)
    // Exported, and every run on other inputs matched eager.
    bool succeeded() const;
    const VerifyRound& last() const { return rounds.back(); }
};

// Where a verify request gets its answer: the runner's `request`, or (tests)
// answers recorded from it.
using AnswerSource = std::function<Result<QJsonObject>(const QJsonObject& request)>;

// Exports the session's spec, round after round when `fix`: torch's
// suggested fixes are applied and the export retried until it passes,
// nothing changes, or `maxRounds` rounds ran.
Result<VerifyReport> verifySpec(PythonRunner& runner, const session::Session& session,
                                const VerifyOptions& options, bool fix, int maxRounds = 8,
                                const Progress& progress = {});
// The same loop over any source of answers; `environment` is the runner's.
Result<VerifyReport> verifyWith(const AnswerSource& answers, const RunnerInfo& environment,
                                const session::Session& session, const VerifyOptions& options,
                                bool fix, int maxRounds = 8, const Progress& progress = {});

// The same report told on another tree of the same inputs (the app edits in
// one layout and may verify in another): every dimension is carried by the
// saved tensor it stands for; what has no counterpart there (a static
// cache's position tensor, in a layout without it) is left out.
VerifyReport remapReport(const VerifyReport& report, const spec::ExportTree& from,
                         const spec::ExportTree& to);

} // namespace ds::runner
