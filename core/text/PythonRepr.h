#pragma once

#include <QString>

namespace ds::text {

// Python's repr() of a float: the shortest text that reads back to the same
// double, "1.0" for whole numbers, exponent form ("1e-05", "1.5e+16") when the
// decimal exponent is below -4 or at least 16, and "nan", "inf", "-inf".
// onnx-diagnostic's with_min_max prints tensor statistics through Python's
// str(float), which is this.
QString pythonFloatRepr(double value);

// Python's repr() of a complex: "(1+2j)", "2j", "(-0-1.5j)", "(nan+infj)".
QString pythonComplexRepr(double real, double imag);

// The decimal digits of `value` (with a leading '-') written into `out`, which
// must hold 20 characters; returns how many it wrote. For hot loops that
// print hundreds of thousands of numbers: no locale, no format parsing.
int writeDecimal(qint64 value, char* out);

} // namespace ds::text
