#include "SpecCheck.h"

#include "DimSpecText.h"
#include "JsonText.h"
#include "SpecCheckRules.h"

#include <QSet>

#include <algorithm>

namespace ds::analysis {

QString severityName(Severity s) {
    return s == Severity::Error ? QStringLiteral("error") : QStringLiteral("warning");
}

std::vector<CheckFinding> checkSpec(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
                                    const std::vector<const spec::ExportTree*>& otherSets) {
    std::vector<CheckFinding> findings;
    check_rules::unfaithfulLayouts(tree, findings);
    check_rules::unpassedTensors(tree, findings);
    check_rules::specializedSizes(tree, spec, findings);
    check_rules::inconsistentSizes(tree, spec, findings);
    check_rules::outOfBounds(tree, spec, findings);
    check_rules::invalidNames(tree, spec, findings);
    check_rules::conflictingBounds(tree, spec, findings);
    check_rules::badDerived(tree, spec, findings);
    check_rules::sumsWithoutMinimum(tree, spec, otherSets, findings);
    if (!otherSets.empty())
        check_rules::equalSizesTwoNames(tree, spec, otherSets, findings);
    // Grouped by dimension, rules in the order above within one dimension.
    std::stable_sort(findings.begin(), findings.end(),
                     [](const CheckFinding& a, const CheckFinding& b) { return a.ref < b.ref; });
    return findings;
}

std::vector<CheckFinding> unpassedTensors(const spec::ExportTree& tree) {
    std::vector<CheckFinding> findings;
    check_rules::unpassedTensors(tree, findings);
    return findings;
}

namespace {

// Structure issues as findings, except at `skipPaths` (already reported otherwise).
void structureFindings(const spec::AlignedSpec& aligned, const QSet<QString>& skipPaths,
                       std::vector<CheckFinding>& out) {
    for (const spec::StructureIssue& issue : aligned.issues) {
        if (skipPaths.contains(issue.path))
            continue;
        const QString fix = aligned.otherLayoutFits
                                ? QStringLiteral("read the spec with --layout %1")
                                      .arg(layoutName(*aligned.otherLayoutFits))
                                : QStringLiteral("make the spec follow the inputs' structure "
                                                 "('dimstudio spec FILE' prints it)");
        out.push_back(CheckFinding{issue.path, spec::DimRef{}, Severity::Error,
                                   check_rule::kStructure, issue.message, fix});
    }
}

} // namespace

std::vector<CheckFinding> readingFindings(const spec::ExportTree& tree, const text::PyValue* value,
                                          spec::SpecSource source,
                                          const spec::AlignedSpec& aligned) {
    std::vector<CheckFinding> findings;
    if (value)
        check_rules::nonTensorSpecs(tree, *value, source, findings);
    QSet<QString> leafPaths;
    for (const CheckFinding& f : findings)
        leafPaths.insert(f.path);
    structureFindings(aligned, leafPaths, findings);
    return findings;
}

bool hasErrors(const std::vector<CheckFinding>& findings) {
    return std::any_of(findings.begin(), findings.end(),
                       [](const CheckFinding& f) { return f.severity == Severity::Error; });
}

namespace {

QString placeOf(const CheckFinding& f) {
    const QString path = f.path.isEmpty() ? QStringLiteral("(top level)") : f.path;
    return f.ref.dim >= 0 ? QStringLiteral("%1 dim %2").arg(path).arg(f.ref.dim) : path;
}

} // namespace

QString findingsToText(const std::vector<CheckFinding>& findings) {
    QString text;
    int errors = 0;
    for (const CheckFinding& f : findings) {
        errors += f.severity == Severity::Error ? 1 : 0;
        text += QStringLiteral("%1  %2  %3: %4\n")
                    .arg(severityName(f.severity), -7)
                    .arg(f.rule, placeOf(f), f.message);
        text += QStringLiteral("         fix: %1\n").arg(f.fix);
    }
    const int warnings = static_cast<int>(findings.size()) - errors;
    if (findings.empty())
        return QStringLiteral("no findings\n");
    text += QStringLiteral("%1 error%2, %3 warning%4\n")
                .arg(errors)
                .arg(errors == 1 ? "" : "s")
                .arg(warnings)
                .arg(warnings == 1 ? "" : "s");
    return text;
}

QByteArray findingsToJson(const std::vector<CheckFinding>& findings) {
    JsonText list = JsonText::array();
    for (const CheckFinding& f : findings) {
        JsonText entry = JsonText::object();
        entry.insert(QStringLiteral("path"), JsonText::string(f.path));
        entry.insert(QStringLiteral("dim"),
                     f.ref.dim >= 0 ? JsonText::integer(f.ref.dim) : JsonText::null());
        entry.insert(QStringLiteral("severity"), JsonText::string(severityName(f.severity)));
        entry.insert(QStringLiteral("rule"), JsonText::string(f.rule));
        entry.insert(QStringLiteral("message"), JsonText::string(f.message));
        entry.insert(QStringLiteral("fix"), JsonText::string(f.fix));
        list.append(std::move(entry));
    }
    JsonText report = JsonText::object();
    report.insert(QStringLiteral("findings"), std::move(list));
    return report.toBytes();
}

} // namespace ds::analysis
