#pragma once

#include "PyValue.h"
#include "Result.h"

namespace ds::text {

// Reads the Python text users paste as a dynamic-shapes spec: one literal
// (dicts, lists, tuples, ints, floats, strings, None/True/False, Dim(...),
// Dim.AUTO/DYNAMIC/STATIC, derived A*x+B), optionally preceded by simple
// assignments (`batch = Dim("batch", max=8)`) and imports, as in the snippets
// DimStudio writes. Nothing is evaluated beyond that grammar.
// The value is the last bare expression, else the variable `dynamic_shapes`,
// else the last assigned variable. Errors give line and column (1-based).
Result<PyValue::Ptr> parsePythonLiteral(const QString& text);

} // namespace ds::text
