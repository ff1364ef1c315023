#pragma once

#include "exported/ExportDiff.h"

#include <QColor>

namespace ds::itemmodels {

// How the tree's Export column shows what export made of a dimension:
// "kept s23 [2, 4096]", "constant 3", "merged s1", "range [4, inf)",
// "dynamic s9" (asked static); nothing for a static one kept static.
QString exportOutcomeText(const exported::DimOutcomeRow& row);
// The reason, for the tooltip: what was asked, what export made, why it differs.
QString exportOutcomeTooltip(const exported::DimOutcomeRow& row);
// Invalid for the outcomes that need no attention (kept, static).
QColor exportOutcomeColor(exported::DimOutcome outcome);

} // namespace ds::itemmodels
