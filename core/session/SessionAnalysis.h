#pragma once

#include "SpecReading.h"
#include "analysis/SpecCheck.h"
#include "analysis/SpecComparison.h"

namespace ds::session {

// The one way to check a spec, for the command line and the app: what
// reading it from text found (structure problems, specs on non-tensor
// leaves), when `reading` is given, then the rules of every dimension.
// `otherSets`: trees of the same inputs' other example sets.
std::vector<analysis::CheckFinding>
runChecks(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
          const SpecReading* reading = nullptr,
          const std::vector<std::shared_ptr<const spec::ExportTree>>& otherSets = {});

// The one way to compare a spec with a reference read against the same tree.
analysis::SpecComparison compareWithReference(const spec::ExportTree& tree,
                                              const spec::ShapeSpec& spec,
                                              const SpecReading& reference);

} // namespace ds::session
