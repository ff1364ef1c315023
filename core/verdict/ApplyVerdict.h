#pragma once

#include "TorchErrorText.h"
#include "spec/ShapeSpec.h"

namespace ds::verdict {

// One dimension torch's verdict changed, and the line that says why.
struct VerdictChange {
    spec::DimRef ref;
    spec::DimSpec before;
    spec::DimSpec after;
    QString reason; // the fix line ("seq_1 = Dim('seq_1', min=4)") or the violation
};

struct VerdictOutcome {
    spec::ShapeSpec spec; // the spec with every change applied
    std::vector<VerdictChange> changes;
    // What could not be applied, one line each, never dropped: fix lines
    // torch wrote in a form DimStudio does not read, names no dimension
    // carries, sources that are not in the inputs.
    QStringList unmapped;
};

// Applies torch's suggested fixes the way torch's own
// refine_dynamic_shapes_from_suggested_fixes does: `x = Dim(...)` replaces
// the range of name x; `x = 4` makes its dims static; `x = y` and
// `x = 2*y + 1` tie it to y (or to a new root `_y = Dim(...)`); dims derived
// from a fixed name follow. Without suggested fixes (a spec of hints), a
// dimension torch specialised to a constant, named by its source
// (L['x'].size()[0]), becomes static.
VerdictOutcome applyVerdict(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
                            const TorchVerdict& verdict);

// The dimension a source names (L['a']['key_cache'][0].size()[2]) in `tree`;
// tensor -1 when it names none.
spec::DimRef dimOfSource(const spec::ExportTree& tree, const QString& source);

} // namespace ds::verdict
