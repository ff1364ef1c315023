#include "VerifyReportText.h"

#include "analysis/DimSpecText.h"
#include "analysis/JsonText.h"

namespace ds::runner {

using analysis::JsonText;

namespace {

QString environmentLine(const RunnerInfo& env, const QString& command) {
    QString line = QStringLiteral("Python %1, torch %2").arg(env.python, env.torch);
    if (!env.transformers.isEmpty())
        line += QStringLiteral(", transformers %1").arg(env.transformers);
    return line + QStringLiteral(" (%1)").arg(command);
}

QString registrationsText(const std::vector<Registration>& regs) {
    QStringList parts;
    for (const Registration& r : regs) {
        QString part = QStringLiteral("%1 by %2").arg(r.className, r.by);
        if (!r.faithful)
            part += QStringLiteral(" (not faithful: %1)").arg(r.note);
        parts << part;
    }
    return parts.join(QStringLiteral("; "));
}

QString runText(const VerifyRun& run) {
    QString text = QStringLiteral("%1: %2").arg(run.name, run.ok ? QStringLiteral("ok")
                                                                 : QStringLiteral("DIFFERS"));
    if (run.maxAbsDiff)
        text += QStringLiteral(" (max abs diff %1 over %2 outputs)")
                    .arg(*run.maxAbsDiff, 0, 'g', 3)
                    .arg(run.outputs);
    if (!run.message.isEmpty())
        text += QStringLiteral("; ") + run.message;
    return text;
}

QString firstLine(const QString& text) {
    for (const QString& line : text.split(QLatin1Char('\n')))
        if (!line.trimmed().isEmpty())
            return line.trimmed();
    return QString();
}

} // namespace

QString verdictChangesText(const verdict::VerdictOutcome& outcome, const spec::ExportTree& tree,
                           const QString& indent) {
    QString text;
    for (const verdict::VerdictChange& c : outcome.changes)
        text += indent + QStringLiteral("change  %1: %2 -> %3  (%4)\n")
                             .arg(analysis::dimPlace(tree, c.ref), analysis::dimSpecLabel(c.before),
                                  analysis::dimSpecLabel(c.after), c.reason);
    for (const QString& line : outcome.unmapped)
        text += indent + QStringLiteral("not applied  %1\n").arg(line);
    return text;
}

QString verifyReportToText(const VerifyReport& report, const spec::ExportTree& tree,
                           const QString& pythonCommand) {
    QString text = environmentLine(report.environment, pythonCommand) + QLatin1Char('\n');
    int n = 0;
    for (const VerifyRound& round : report.rounds) {
        ++n;
        const VerifyResult& r = round.result;
        if (n == 1 && !r.registrations.empty())
            text += QStringLiteral("registrations: %1\n").arg(registrationsText(r.registrations));
        if (r.exported) {
            text += QStringLiteral("round %1: exported (torch.export %2 s)\n")
                        .arg(n)
                        .arg(r.exportSeconds, 0, 'f', 2);
            if (!round.applied.changes.empty()) {
                for (const VerifyRun& run : r.runs)
                    if (!run.ok)
                        text += QStringLiteral("  but %1\n").arg(runText(run));
                text += verdictChangesText(round.applied, tree, QStringLiteral("  "));
            }
            continue;
        }
        text +=
            QStringLiteral("round %1: refused: %2\n")
                .arg(n)
                .arg(round.verdict.violations.empty()
                         ? firstLine(r.errorText)
                         : QStringLiteral("%1 problem(s)").arg(round.verdict.violations.size()));
        for (const verdict::Violation& v : round.verdict.violations)
            text += QStringLiteral("  - %1\n").arg(v.text);
        for (const verdict::SuggestedFix& f : round.verdict.fixes)
            text += QStringLiteral("  torch suggests  %1\n").arg(f.line);
        text += verdictChangesText(round.applied, tree, QStringLiteral("  "));
    }
    if (report.exported) {
        text += QStringLiteral("what export made of each dimension:\n") +
                exported::diffToText(report.diff);
        const VerifyRound& last = report.last();
        for (const QString& note : last.result.notes)
            text += QStringLiteral("note: %1\n").arg(note);
        if (!last.result.runs.empty()) {
            text += QStringLiteral("runs against the eager model:\n");
            for (const VerifyRun& run : last.result.runs)
                text += QStringLiteral("  ") + runText(run) + QLatin1Char('\n');
        }
    }
    if (report.succeeded())
        text += QStringLiteral("result: exported after %1 round(s)%2\n")
                    .arg(report.rounds.size())
                    .arg(report.last().result.runs.empty()
                             ? QString()
                             : QStringLiteral("; the exported program matches eager"));
    else if (report.exported)
        text += QStringLiteral("result: exported after %1 round(s), but the exported program "
                               "differs from eager\n")
                    .arg(report.rounds.size());
    else
        text += QStringLiteral("result: refused after %1 round(s)%2\n")
                    .arg(report.rounds.size())
                    .arg(report.stalled ? QStringLiteral("; torch's verdict offers nothing more "
                                                         "to apply")
                                        : QString());
    return text;
}

QByteArray verifyReportToJson(const VerifyReport& report, const spec::ExportTree& tree,
                              const QString& pythonCommand) {
    JsonText env = JsonText::object();
    env.insert(QStringLiteral("python_command"), JsonText::string(pythonCommand));
    env.insert(QStringLiteral("python"), JsonText::string(report.environment.python));
    env.insert(QStringLiteral("torch"), JsonText::string(report.environment.torch));
    env.insert(QStringLiteral("transformers"), JsonText::string(report.environment.transformers));
    JsonText rounds = JsonText::array();
    for (const VerifyRound& round : report.rounds) {
        JsonText r = JsonText::object();
        r.insert(QStringLiteral("status"),
                 JsonText::string(round.result.exported ? QStringLiteral("exported")
                                                        : QStringLiteral("refused")));
        r.insert(QStringLiteral("export_seconds"),
                 JsonText::integer(qRound64(round.result.exportSeconds * 1000)));
        JsonText violations = JsonText::array();
        for (const verdict::Violation& v : round.verdict.violations)
            violations.append(JsonText::string(v.text));
        r.insert(QStringLiteral("violations"), std::move(violations));
        JsonText suggested = JsonText::array();
        for (const verdict::SuggestedFix& f : round.verdict.fixes)
            suggested.append(JsonText::string(f.line));
        r.insert(QStringLiteral("suggested_fixes"), std::move(suggested));
        JsonText changes = JsonText::array();
        for (const verdict::VerdictChange& c : round.applied.changes) {
            JsonText change = JsonText::object();
            change.insert(QStringLiteral("path"),
                          JsonText::string(tree.tensorNode(c.ref.tensor)->path()));
            change.insert(QStringLiteral("dim"), JsonText::integer(c.ref.dim));
            change.insert(QStringLiteral("before"), analysis::dimSpecJson(c.before));
            change.insert(QStringLiteral("after"), analysis::dimSpecJson(c.after));
            change.insert(QStringLiteral("reason"), JsonText::string(c.reason));
            changes.append(std::move(change));
        }
        r.insert(QStringLiteral("changes"), std::move(changes));
        JsonText unmapped = JsonText::array();
        for (const QString& line : round.applied.unmapped)
            unmapped.append(JsonText::string(line));
        r.insert(QStringLiteral("not_applied"), std::move(unmapped));
        if (!round.result.exported)
            r.insert(QStringLiteral("error"), JsonText::string(round.result.errorText));
        rounds.append(std::move(r));
    }
    JsonText root = JsonText::object();
    root.insert(QStringLiteral("environment"), std::move(env));
    root.insert(QStringLiteral("exported"), JsonText::boolean(report.exported));
    root.insert(QStringLiteral("succeeded"), JsonText::boolean(report.succeeded()));
    root.insert(QStringLiteral("rounds"), std::move(rounds));
    if (!report.rounds.empty()) {
        JsonText regs = JsonText::array();
        for (const Registration& reg : report.rounds.front().result.registrations) {
            JsonText o = JsonText::object();
            o.insert(QStringLiteral("class"), JsonText::string(reg.className));
            o.insert(QStringLiteral("by"), JsonText::string(reg.by));
            o.insert(QStringLiteral("layout"), JsonText::string(reg.layout));
            o.insert(QStringLiteral("faithful"), JsonText::boolean(reg.faithful));
            o.insert(QStringLiteral("note"), JsonText::string(reg.note));
            regs.append(std::move(o));
        }
        root.insert(QStringLiteral("registrations"), std::move(regs));
    }
    if (report.exported) {
        root.insert(QStringLiteral("export"), exported::diffJson(report.diff));
        JsonText runs = JsonText::array();
        for (const VerifyRun& run : report.last().result.runs) {
            JsonText o = JsonText::object();
            o.insert(QStringLiteral("name"), JsonText::string(run.name));
            o.insert(QStringLiteral("ok"), JsonText::boolean(run.ok));
            o.insert(QStringLiteral("max_abs_diff"),
                     run.maxAbsDiff ? JsonText::real(*run.maxAbsDiff) : JsonText::null());
            o.insert(QStringLiteral("message"), JsonText::string(run.message));
            runs.append(std::move(o));
        }
        root.insert(QStringLiteral("runs"), std::move(runs));
    }
    return root.toBytes();
}

} // namespace ds::runner
