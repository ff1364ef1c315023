#pragma once

#include <QString>

#include <optional>

namespace ds::spec {

// The decision for one tensor dimension.
struct DimSpec {
    enum class Kind {
        Static,  // absent from the spec (or an explicit int / None in a reference)
        Named,   // dynamic, named: 'batch' or Dim('batch', min=.., max=..)
        Hint,    // Dim.AUTO / Dim.DYNAMIC / Dim.STATIC
        Derived, // mul * name + add
    };
    enum class HintKind { Auto, Dynamic, Static };

    Kind kind = Kind::Static;
    QString name; // Named; the base dimension of Derived
    HintKind hint = HintKind::Dynamic;
    std::optional<qint64> min;
    std::optional<qint64> max;
    qint64 mul = 1;                   // Derived
    qint64 add = 0;                   // Derived
    std::optional<qint64> fixedValue; // Static given as an int in a reference spec

    static DimSpec makeStatic() { return DimSpec{}; }
    static DimSpec named(const QString& name, std::optional<qint64> min = std::nullopt,
                         std::optional<qint64> max = std::nullopt);
    static DimSpec makeHint(HintKind hint, std::optional<qint64> min = std::nullopt,
                            std::optional<qint64> max = std::nullopt);
    static DimSpec derived(const QString& base, qint64 mul, qint64 add);

    // Whether export keeps the dimension symbolic (Dim.STATIC and Static do not).
    bool isDynamic() const {
        return kind == Kind::Named || kind == Kind::Derived ||
               (kind == Kind::Hint && hint != HintKind::Static);
    }
    bool hasBounds() const { return min.has_value() || max.has_value(); }
    // Whether min/max apply: a named dimension, Dim.AUTO, Dim.DYNAMIC (a
    // derived dimension's range follows from its base).
    bool takesBounds() const { return isDynamic() && kind != Kind::Derived; }
    // "batch", "Dim.AUTO", "2*seq + 1", "static".
    QString displayText() const;

    bool operator==(const DimSpec& o) const;
    bool operator!=(const DimSpec& o) const { return !(*this == o); }
};

QString hintName(DimSpec::HintKind hint); // "AUTO", "DYNAMIC", "STATIC"
std::optional<DimSpec::HintKind> hintFromName(const QString& name);

} // namespace ds::spec
