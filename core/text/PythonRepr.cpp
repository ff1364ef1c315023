#include "PythonRepr.h"

#include <charconv>
#include <cmath>
#include <string>

namespace ds::text {

namespace {

// Shortest round-trip digits and decimal exponent: value = 0.DIGITS x 10^point.
struct ShortestDigits {
    std::string digits; // no leading zeros, at least one digit
    int point = 0;      // position of the decimal point relative to digits
};

ShortestDigits shortestDigits(double magnitude) {
    char buffer[64];
    // Shortest round-trip form in scientific notation: "d.ddde+XX".
    const auto done =
        std::to_chars(buffer, buffer + sizeof buffer, magnitude, std::chars_format::scientific);
    const std::string text(buffer, done.ptr);
    const size_t e = text.find('e');
    ShortestDigits out;
    for (size_t i = 0; i < e; ++i)
        if (text[i] != '.')
            out.digits.push_back(text[i]);
    out.point = std::stoi(text.substr(e + 1)) + 1;
    while (out.digits.size() > 1 && out.digits.back() == '0')
        out.digits.pop_back();
    return out;
}

// `forceDotZero`: float repr adds ".0" to whole numbers; complex parts do not.
std::string formatFinite(double value, bool forceDotZero) {
    std::string sign = std::signbit(value) ? "-" : "";
    const double magnitude = std::fabs(value);
    if (magnitude == 0.0)
        return sign + (forceDotZero ? "0.0" : "0");
    const ShortestDigits d = shortestDigits(magnitude);
    const int n = static_cast<int>(d.digits.size());
    if (d.point > -4 && d.point <= 16) {
        std::string body;
        if (d.point <= 0) {
            body = "0." + std::string(static_cast<size_t>(-d.point), '0') + d.digits;
        } else if (d.point >= n) {
            body = d.digits + std::string(static_cast<size_t>(d.point - n), '0');
            if (forceDotZero)
                body += ".0";
        } else {
            body = d.digits.substr(0, static_cast<size_t>(d.point)) + "." +
                   d.digits.substr(static_cast<size_t>(d.point));
        }
        return sign + body;
    }
    std::string mantissa = d.digits.substr(0, 1);
    if (n > 1)
        mantissa += "." + d.digits.substr(1);
    const int exponent = d.point - 1;
    std::string exp = std::to_string(std::abs(exponent));
    if (exp.size() < 2)
        exp = "0" + exp;
    return sign + mantissa + (exponent < 0 ? "e-" : "e+") + exp;
}

std::string formatAny(double value, bool forceDotZero) {
    if (std::isnan(value))
        return "nan";
    if (std::isinf(value))
        return value < 0 ? "-inf" : "inf";
    return formatFinite(value, forceDotZero);
}

} // namespace

QString pythonFloatRepr(double value) {
    return QString::fromStdString(formatAny(value, true));
}

QString pythonComplexRepr(double real, double imag) {
    const std::string im = formatAny(imag, false);
    if (real == 0.0 && !std::signbit(real))
        return QString::fromStdString(im + "j");
    std::string text = "(" + formatAny(real, false);
    // The imaginary part always carries its sign; nan has none of its own.
    if (!(im.front() == '-'))
        text += "+";
    text += im + "j)";
    return QString::fromStdString(text);
}

int writeDecimal(qint64 value, char* out) {
    char reversed[20];
    int n = 0;
    // Unsigned so that the most negative value has a magnitude too.
    quint64 magnitude = value < 0 ? 0 - static_cast<quint64>(value) : static_cast<quint64>(value);
    do {
        reversed[n++] = static_cast<char>('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude > 0);
    int length = 0;
    if (value < 0)
        out[length++] = '-';
    while (n > 0)
        out[length++] = reversed[--n];
    return length;
}

} // namespace ds::text
