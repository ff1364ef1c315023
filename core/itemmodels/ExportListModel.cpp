#include "ExportListModel.h"

#include "ModelRoles.h"
#include "analysis/DimSpecText.h"
#include "document/DocumentContext.h"

#include <QBrush>

namespace ds::itemmodels {

namespace {

QString where(const spec::ExportTree& tree, spec::DimRef ref) {
    const spec::ExportNode* node = tree.tensorNode(ref.tensor);
    return QStringLiteral("%1 [%2]").arg(node->path()).arg(ref.dim);
}

void addChanges(const spec::ExportTree& tree, const verdict::VerdictOutcome& outcome,
                std::vector<ExportListModel::Row>& rows) {
    for (const verdict::VerdictChange& c : outcome.changes)
        rows.push_back(
            {QObject::tr("change"), where(tree, c.ref),
             QStringLiteral("%1 \u2192 %2  (%3)")
                 .arg(analysis::dimSpecLabel(c.before), analysis::dimSpecLabel(c.after), c.reason),
             c.ref, false});
    for (const QString& line : outcome.unmapped)
        rows.push_back({QObject::tr("not applied"), QString(), line, {}, true});
}

// Every dimension export did not keep as asked, then the structure problems.
void addOutcomes(const spec::ExportTree& tree, const exported::ExportDiff& diff,
                 std::vector<ExportListModel::Row>& rows) {
    for (const exported::DimOutcomeRow& row : diff.dims)
        if (row.status != exported::DimOutcome::Kept && row.status != exported::DimOutcome::Static)
            rows.push_back({exported::outcomeName(row.status), where(tree, row.ref), row.detail,
                            row.ref, true});
    for (const QString& s : diff.structure)
        rows.push_back({QObject::tr("structure"), QString(), s, {}, true});
}

} // namespace

ExportListModel::ExportListModel(document::DocumentContext& context, QObject* parent)
    : QAbstractTableModel(parent), m_context(context) {
    connect(&context, &document::DocumentContext::verifyChanged, this, &ExportListModel::reload);
    connect(&context, &document::DocumentContext::inputsChanged, this, &ExportListModel::reload);
    reload();
}

void ExportListModel::reload() {
    beginResetModel();
    m_rows.clear();
    if (m_context.hasInputs()) {
        const spec::ExportTree& tree = m_context.tree();
        if (const exported::ExportDiff* diff = m_context.artifactDiff()) {
            addOutcomes(tree, *diff, m_rows);
        } else if (const auto& pasted = m_context.pastedVerdict()) {
            addChanges(tree, *pasted, m_rows);
        } else if (const runner::VerifyReport* report = m_context.verifyReport()) {
            int n = 0;
            for (const runner::VerifyRound& round : report->rounds) {
                ++n;
                const QString roundName = tr("round %1").arg(n);
                if (!round.result.exported) {
                    for (const verdict::Violation& v : round.verdict.violations) {
                        spec::DimRef ref;
                        for (const QString& source : v.sources)
                            if (ref.tensor < 0)
                                ref = verdict::dimOfSource(tree, source);
                        m_rows.push_back({tr("problem"),
                                          ref.tensor >= 0 ? where(tree, ref) : roundName, v.text,
                                          ref, true});
                    }
                    if (round.verdict.violations.empty())
                        m_rows.push_back({tr("refused"),
                                          roundName,
                                          round.result.errorText.section(QLatin1Char('\n'), 0, 0),
                                          {},
                                          true});
                }
                addChanges(tree, round.applied, m_rows);
            }
            if (report->exported) {
                addOutcomes(tree, report->diff, m_rows);
                for (const runner::VerifyRun& run : report->last().result.runs)
                    m_rows.push_back({run.ok ? tr("matches eager") : tr("differs from eager"),
                                      run.name,
                                      run.maxAbsDiff ? tr("max abs diff %1; %2")
                                                           .arg(*run.maxAbsDiff, 0, 'g', 3)
                                                           .arg(run.message)
                                                     : run.message,
                                      {},
                                      !run.ok});
            }
        }
    }
    endResetModel();
}

int ExportListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ExportListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ExportListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= static_cast<int>(m_rows.size()))
        return {};
    const Row& r = m_rows[static_cast<size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case WhatColumn:
            return r.what;
        case WhereColumn:
            return r.where;
        case DetailColumn:
            return r.detail;
        }
        return {};
    case Qt::ToolTipRole:
        return r.detail;
    case Qt::ForegroundRole:
        if (index.column() == WhatColumn && r.bad)
            return QBrush(QColor(0xc0, 0x39, 0x2b));
        return {};
    case Roles::TensorIndexRole:
        return r.ref.tensor;
    case Roles::DimIndexRole:
        return r.ref.dim;
    }
    return {};
}

QVariant ExportListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case WhatColumn:
        return tr("What");
    case WhereColumn:
        return tr("Where");
    case DetailColumn:
        return tr("Detail");
    }
    return {};
}

} // namespace ds::itemmodels
