#include "FigureColors.h"

#include <QRegularExpression>

#include <cmath>

namespace ds::figures {

namespace {

// matplotlib.colors.BASE_COLORS: fractions, not the CSS names ('g' is half green).
std::optional<QColor> baseColor(QChar letter) {
    struct Base {
        char letter;
        double r, g, b;
    };
    static const Base kBase[] = {{'b', 0, 0, 1},       {'g', 0, 0.5, 0},     {'r', 1, 0, 0},
                                 {'c', 0, 0.75, 0.75}, {'m', 0.75, 0, 0.75}, {'y', 0.75, 0.75, 0},
                                 {'k', 0, 0, 0},       {'w', 1, 1, 1}};
    for (const Base& b : kBase)
        if (letter == QLatin1Char(b.letter))
            return QColor::fromRgbF(float(b.r), float(b.g), float(b.b));
    return std::nullopt;
}

// matplotlib.colors.TABLEAU_COLORS (the default property cycle).
std::optional<QColor> tableauColor(const QString& name) {
    struct Tab {
        const char* name;
        const char* hex;
    };
    static const Tab kTab[] = {{"blue", "#1f77b4"},  {"orange", "#ff7f0e"}, {"green", "#2ca02c"},
                               {"red", "#d62728"},   {"purple", "#9467bd"}, {"brown", "#8c564b"},
                               {"pink", "#e377c2"},  {"gray", "#7f7f7f"},   {"grey", "#7f7f7f"},
                               {"olive", "#bcbd22"}, {"cyan", "#17becf"}};
    for (const Tab& t : kTab)
        if (name == QLatin1String(t.name))
            return QColor(QLatin1String(t.hex));
    return std::nullopt;
}

// "#rgb", "#rgba", "#rrggbb", "#rrggbbaa": alpha last, unlike Qt's "#aarrggbb".
std::optional<QColor> hexColor(const QString& text) {
    static const QRegularExpression kHex(
        QStringLiteral("^#([0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$"));
    if (!kHex.match(text).hasMatch())
        return std::nullopt;
    QString digits = text.mid(1);
    if (digits.size() <= 4) {
        QString doubled;
        for (QChar c : digits)
            doubled += QString(2, c);
        digits = doubled;
    }
    auto channel = [&](int i) { return digits.mid(2 * i, 2).toInt(nullptr, 16); };
    return QColor(channel(0), channel(1), channel(2), digits.size() == 8 ? channel(3) : 255);
}

// A grey level given as a string between 0 and 1.
std::optional<QColor> greyLevel(const QString& text) {
    bool ok = false;
    const double level = text.toDouble(&ok);
    if (!ok || level < 0.0 || level > 1.0)
        return std::nullopt;
    return QColor::fromRgbF(float(level), float(level), float(level));
}

} // namespace

Result<QColor> parseFigureColor(const QString& input) {
    const QString text = input.trimmed();
    if (text.size() == 1)
        if (auto c = baseColor(text.at(0)))
            return *c;
    if (auto c = hexColor(text))
        return *c;
    if (auto c = greyLevel(text))
        return *c;
    const QString lower = text.toLower();
    if (lower.startsWith(QLatin1String("tab:")))
        if (auto c = tableauColor(lower.mid(4)))
            return *c;
    // CSS4 names are the SVG names Qt knows; letters only, so that Qt's own
    // "#aarrggbb" reading never applies.
    static const QRegularExpression kName(QStringLiteral("^[a-z]+$"));
    if (kName.match(lower).hasMatch() && lower != QLatin1String("transparent") &&
        QColor::isValidColorName(lower))
        return QColor::fromString(lower);
    return Error(QStringLiteral("unknown colour '%1' (expected a matplotlib colour: a name such as "
                                "green or tab:blue, a letter such as g, a grey level such as 0.5, "
                                "or #rrggbb)")
                     .arg(input));
}

QColor overWhite(const QColor& color, double alpha) {
    auto blend = [alpha](int c) { return int(std::lround(alpha * c + (1.0 - alpha) * 255.0)); };
    return QColor(blend(color.red()), blend(color.green()), blend(color.blue()));
}

} // namespace ds::figures
