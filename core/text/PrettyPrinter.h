#pragma once

#include "PyValue.h"

namespace ds::text {

// Python's pprint.pformat(value, width=width) (indent 1, sort_dicts, not
// compact), byte for byte: users paste this text next to Python's.
// `indent` is the column the text starts at (continuation lines are aligned as
// if the first line had been preceded by that many characters).
QString pythonPformat(const PyValue& value, int width = 80, int indent = 0);

// The one-line repr pprint uses (dict keys sorted).
QString pythonSortedRepr(const PyValue& value);

} // namespace ds::text
