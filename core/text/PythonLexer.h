#pragma once

#include "Result.h"

#include <QString>

#include <vector>

namespace ds::text::pylex {

// Tokens of the small Python subset that dynamic-shape specs are written in.
enum class Tok { Name, Int, BigInt, Float, String, Op, Newline, End };

struct Token {
    Tok type = Tok::End;
    QString text; // Name/Op: the text; String: the decoded value
    qint64 intValue = 0;
    double floatValue = 0.0;
    int line = 1;
    int column = 1;
};

inline QString position(int line, int column) {
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

// Splits text into tokens. Newlines inside brackets are blanks (implicit line
// joining); ';' ends a statement like a newline; strings are decoded.
Result<std::vector<Token>> tokenize(const QString& text);

} // namespace ds::text::pylex
