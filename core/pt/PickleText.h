#pragma once

#include "InputValue.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace ds::pt {

// Decoders for the text operands of protocol-0 opcodes and for integer
// payloads. Pure functions: they never read past what they are given.

struct ParsedInt {
    bool valid = false;
    std::optional<qint64> value; // empty when the number needs more than 64 bits
};
// "-123", "+7", "0"; surrounding spaces allowed (as Python's int() does).
ParsedInt parseDecimalInt(const QByteArray& text);
std::optional<quint64> parseDecimalUInt(const QByteArray& text);

// LONG1/LONG4 payload: little-endian two's complement of any width; empty when
// the value does not fit in 64 bits (the tree keeps "an int" without a value).
std::optional<qint64> littleEndianTwosComplement(const char* bytes, qint64 length);

// Python float() text: "1.5", "-1e-05", "inf", "nan".
std::optional<double> parsePythonFloat(const QByteArray& text);

// STRING operand: a quoted Python 2 str literal with backslash escapes,
// decoded as UTF-8 the way torch.load asks the unpickler to.
std::optional<QString> decodeQuotedString(const QByteArray& literal);

// UNICODE operand: raw-unicode-escape (only \uXXXX and \UXXXXXXXX are escapes).
QString decodeRawUnicodeEscape(const QByteArray& text);

// A module or class name as GLOBAL carries it: dotted identifiers, bounded length.
bool isValidGlobalPart(const QString& part, qint64 maxLength);

// "module.name", with Python 2 module names mapped to their Python 3 homes
// (__builtin__ -> builtins, copy_reg -> copyreg) as Python's unpickler does.
QString canonicalGlobalName(const QString& module, const QString& name);

// Text for a dict key that is neither str nor int ("True", "None", "1.5", "(1, 2)").
QString describeKeyValue(const InputValue& key);

} // namespace ds::pt
