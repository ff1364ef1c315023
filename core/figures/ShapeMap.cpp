#include "ShapeMap.h"

#include <map>

namespace ds::figures {

namespace {

QString plural(int n, const char* singular, const char* pluralForm) {
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? singular : pluralForm));
}

// "1..1024", "..1024", "2..", "unbounded".
QString rangeText(const spec::DimSpec& d) {
    if (!d.hasBounds())
        return QStringLiteral("unbounded");
    return (d.min ? QString::number(*d.min) : QString()) + QStringLiteral("..") +
           (d.max ? QString::number(*d.max) : QString());
}

// The name line of a cell: enough to see what differs without the comparison table.
QString nameTextFor(CellState state, const spec::DimSpec& here,
                    const analysis::DimComparison* comparison) {
    const QString ref = comparison ? comparison->reference.displayText() : QString();
    switch (state) {
    case CellState::Static:
        return QString();
    case CellState::Dynamic:
    case CellState::OnlyHere:
        return here.displayText();
    case CellState::OnlyReference:
        return QStringLiteral("ref ") + ref;
    case CellState::Grouping:
        return here.displayText() + QStringLiteral(" / ") + ref;
    case CellState::Bounds:
        return here.displayText() + QLatin1Char(' ') + rangeText(here) + QStringLiteral(" / ") +
               (comparison ? rangeText(comparison->reference) : QString());
    }
    return QString();
}

QString summaryText(const ShapeMapCounts& counts, bool hasReference) {
    QString text = plural(counts.tensors, "tensor", "tensors") + QStringLiteral(", ") +
                   plural(counts.dims, "dimension", "dimensions");
    const int dynamic = counts.of(CellState::Dynamic);
    const int statics = counts.of(CellState::Static);
    if (!hasReference)
        return text + QStringLiteral(": %1 dynamic, %2 static").arg(dynamic).arg(statics);
    text += QStringLiteral(" against the reference: %1 same, %2 only here, %3 only in the "
                           "reference, %4 grouping, %5 bounds")
                .arg(dynamic + statics)
                .arg(counts.of(CellState::OnlyHere))
                .arg(counts.of(CellState::OnlyReference))
                .arg(counts.of(CellState::Grouping))
                .arg(counts.of(CellState::Bounds));
    if (counts.structureIssues > 0)
        text += QStringLiteral(", ") +
                plural(counts.structureIssues, "structure problem", "structure problems");
    return text;
}

} // namespace

std::vector<CellState> ShapeMap::legendStates() const {
    if (!hasReference)
        return {CellState::Static, CellState::Dynamic};
    return {kAllCellStates.begin(), kAllCellStates.end()};
}

int shapeMapPageCount(int tensorCount, int rowsPerPage) {
    if (tensorCount <= 0 || rowsPerPage <= 0)
        return 1;
    return (tensorCount + rowsPerPage - 1) / rowsPerPage;
}

Result<ShapeMap> buildShapeMap(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
                               const analysis::SpecComparison* comparison,
                               const ShapeMapOptions& options) {
    const int tensors = tree.tensorCount();
    if (spec.tensorCount() != tensors)
        return Error(QStringLiteral("the spec covers %1 but the inputs hold %2")
                         .arg(plural(spec.tensorCount(), "tensor", "tensors"))
                         .arg(tensors));
    ShapeMap map;
    map.hasReference = comparison != nullptr;
    map.pageCount = shapeMapPageCount(tensors, options.rowsPerPage);
    if (options.page < 0 || options.page >= map.pageCount)
        return Error(QStringLiteral("there is no page %1: the map has %2")
                         .arg(options.page + 1)
                         .arg(plural(map.pageCount, "page", "pages")));
    map.page = options.page;

    std::map<spec::DimRef, const analysis::DimComparison*> compared;
    if (comparison) {
        // Where the reference's structure did not reach, there is nothing to
        // compare: those cells keep their plain colour and the structure count says why.
        for (const analysis::DimComparison& d : comparison->dims)
            if (d.aligned)
                compared[d.ref] = &d;
        map.counts.structureIssues = static_cast<int>(comparison->structure.size());
    }

    const int first = map.page * options.rowsPerPage;
    const int last = std::min(tensors, first + options.rowsPerPage);
    map.counts.tensors = tensors;
    for (int t = 0; t < tensors; ++t) {
        const TensorInfo& info = tree.tensorNode(t)->tensor();
        if (info.rank() != spec.rank(t))
            return Error(QStringLiteral("the spec gives tensor %1 rank %2, the inputs rank %3")
                             .arg(t)
                             .arg(spec.rank(t))
                             .arg(info.rank()));
        map.columns = std::max(map.columns, info.rank());
        const bool onPage = t >= first && t < last;
        ShapeMapRow row;
        row.tensor = t;
        row.path = tree.tensorNode(t)->path();
        if (row.path.isEmpty())
            row.path = QStringLiteral("input"); // a bare tensor: torch.export's only argument
        for (int d = 0; d < info.rank(); ++d) {
            const spec::DimSpec& here = spec.dim(t, d);
            const auto found = compared.find(spec::DimRef{t, d});
            const analysis::DimComparison* cmp = found == compared.end() ? nullptr : found->second;
            // Without an entry the reference has nothing to say: plain static/dynamic.
            const CellState state = cellStateFor(here, cmp);
            ++map.counts.perState[static_cast<size_t>(state)];
            ++map.counts.dims;
            if (!onPage)
                continue;
            ShapeMapCell cell;
            cell.dim = d;
            cell.size = info.shape[static_cast<size_t>(d)];
            cell.state = state;
            cell.sizeText = QString::number(cell.size);
            cell.nameText = nameTextFor(state, here, cmp);
            row.cells.push_back(cell);
        }
        if (onPage)
            map.rows.push_back(std::move(row));
    }

    map.title = options.title;
    if (map.pageCount > 1)
        map.title += QStringLiteral(" (page %1 of %2: tensors %3 to %4)")
                         .arg(map.page + 1)
                         .arg(map.pageCount)
                         .arg(first)
                         .arg(last - 1);
    map.summary = summaryText(map.counts, map.hasReference);
    return map;
}

} // namespace ds::figures
