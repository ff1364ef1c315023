#pragma once

#include "analysis/SpecComparison.h"

#include <QColor>
#include <QString>

namespace ds::itemmodels {

// One colour and one phrase per comparison status, shared by the tree, the
// chips and the comparison list so that the same difference looks the same
// everywhere. Same has no colour (invalid QColor).
QColor dimStatusColor(analysis::DimStatus status);
// A light tint of the status colour for row backgrounds.
QColor dimStatusTint(analysis::DimStatus status);
// Short enough for a count in front ("8 dynamic only here").
QString dimStatusPhrase(analysis::DimStatus status);

} // namespace ds::itemmodels
