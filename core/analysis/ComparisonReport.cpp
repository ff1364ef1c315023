// The text and JSON forms of a SpecComparison (declared in SpecComparison.h).
#include "DimSpecText.h"
#include "JsonText.h"
#include "SpecComparison.h"

namespace ds::analysis {

namespace {

bool listed(const DimComparison& c, bool listSame) {
    return c.aligned && (listSame || c.status != DimStatus::Same);
}

QString placeOf(const DimComparison& c) {
    return QStringLiteral("%1 dim %2")
        .arg(c.path.isEmpty() ? QStringLiteral("(top level)") : c.path)
        .arg(c.ref.dim);
}

QString summaryLine(const ComparisonSummary& s) {
    return QStringLiteral(
               "same %1, only_here %2, only_reference %3, grouping %4, bounds %5, structure %6")
        .arg(s.same)
        .arg(s.onlyHere)
        .arg(s.onlyReference)
        .arg(s.grouping)
        .arg(s.bounds)
        .arg(s.structure);
}

} // namespace

QString comparisonToText(const SpecComparison& comparison, bool listSame) {
    QString text = summaryLine(comparison.summary) + QLatin1Char('\n');
    if (comparison.summary.clean())
        text += QStringLiteral("no differences\n");
    // Columns sized to the rows so that statuses and places line up.
    int statusWidth = 0, placeWidth = 0, hereWidth = 0;
    for (const DimComparison& c : comparison.dims) {
        if (!listed(c, listSame))
            continue;
        statusWidth = std::max(statusWidth, static_cast<int>(dimStatusName(c.status).size()));
        placeWidth = std::max(placeWidth, static_cast<int>(placeOf(c).size()));
        hereWidth = std::max(hereWidth, static_cast<int>(dimSpecLabel(c.here).size()));
    }
    for (const DimComparison& c : comparison.dims) {
        if (!listed(c, listSame))
            continue;
        text += QStringLiteral("%1  %2  here %3  reference %4\n")
                    .arg(dimStatusName(c.status), -statusWidth)
                    .arg(placeOf(c), -placeWidth)
                    .arg(dimSpecLabel(c.here), -hereWidth)
                    .arg(dimSpecLabel(c.reference));
        if (!c.detail.isEmpty())
            text += QString(statusWidth + 2, QLatin1Char(' ')) + c.detail + QLatin1Char('\n');
    }
    for (const spec::StructureIssue& issue : comparison.structure)
        text += QStringLiteral("structure  %1: %2\n")
                    .arg(issue.path.isEmpty() ? QStringLiteral("(top level)") : issue.path,
                         issue.message);
    return text;
}

QByteArray comparisonToJson(const SpecComparison& comparison, bool listSame) {
    const ComparisonSummary& s = comparison.summary;
    JsonText summary = JsonText::object();
    summary.insert(QStringLiteral("same"), JsonText::integer(s.same));
    summary.insert(QStringLiteral("only_here"), JsonText::integer(s.onlyHere));
    summary.insert(QStringLiteral("only_reference"), JsonText::integer(s.onlyReference));
    summary.insert(QStringLiteral("grouping"), JsonText::integer(s.grouping));
    summary.insert(QStringLiteral("bounds"), JsonText::integer(s.bounds));
    summary.insert(QStringLiteral("structure"), JsonText::integer(s.structure));

    JsonText dims = JsonText::array();
    for (const DimComparison& c : comparison.dims) {
        if (!listed(c, listSame))
            continue;
        JsonText entry = JsonText::object();
        entry.insert(QStringLiteral("path"), JsonText::string(c.path));
        entry.insert(QStringLiteral("dim"), JsonText::integer(c.ref.dim));
        entry.insert(QStringLiteral("status"), JsonText::string(dimStatusName(c.status)));
        entry.insert(QStringLiteral("here"), dimSpecJson(c.here));
        entry.insert(QStringLiteral("reference"), dimSpecJson(c.reference));
        if (!c.detail.isEmpty())
            entry.insert(QStringLiteral("detail"), JsonText::string(c.detail));
        dims.append(std::move(entry));
    }

    JsonText structure = JsonText::array();
    for (const spec::StructureIssue& issue : comparison.structure) {
        JsonText entry = JsonText::object();
        entry.insert(QStringLiteral("path"), JsonText::string(issue.path));
        entry.insert(QStringLiteral("message"), JsonText::string(issue.message));
        structure.append(std::move(entry));
    }

    JsonText report = JsonText::object();
    report.insert(QStringLiteral("summary"), std::move(summary));
    report.insert(QStringLiteral("dims"), std::move(dims));
    report.insert(QStringLiteral("structure"), std::move(structure));
    return report.toBytes();
}

} // namespace ds::analysis
