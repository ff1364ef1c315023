#pragma once

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace ds::itemmodels {

// What the user typed in the filter box, read once per change: text for
// names and dtypes, a whole shape ("2x3", "2 × 3", "(2, 3)") or one size ("96").
struct FilterQuery {
    QString text; // lower case, trimmed
    std::optional<std::vector<qint64>> shape;
    std::optional<qint64> size;
    bool isEmpty() const { return text.isEmpty(); }
};

FilterQuery parseFilterQuery(const QString& typed);

// What a row offers the filter.
struct FilterSubject {
    QString name;
    QString kind;      // dtype, container kind or cache class
    QString shapeText; // "batch × seq × 96"
    std::vector<qint64> sizes;
    QStringList dimNames;
    bool isTensor = false;
};

bool matchesFilter(const FilterQuery& query, const FilterSubject& subject);

} // namespace ds::itemmodels
