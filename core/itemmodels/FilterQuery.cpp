#include "FilterQuery.h"

#include <QRegularExpression>

#include <algorithm>

namespace ds::itemmodels {

namespace {

// "2x3", "2 × 3", "(2, 3)", "[2,3]", "2*3": at least two sizes.
const QRegularExpression
    kShapePattern(QStringLiteral("^[\\[(]?\\s*\\d+(\\s*[x\u00d7,*]\\s*\\d+)+\\s*,?\\s*[\\])]?$"));

QString compact(QString text) {
    text.remove(QLatin1Char(' '));
    text.replace(QChar(0x00d7), QLatin1Char('x'));
    return text.toLower();
}

} // namespace

FilterQuery parseFilterQuery(const QString& typed) {
    FilterQuery query;
    query.text = typed.trimmed().toLower();
    if (query.text.isEmpty())
        return query;
    bool isNumber = false;
    const qint64 size = query.text.toLongLong(&isNumber);
    if (isNumber) {
        query.size = size;
        return query;
    }
    if (kShapePattern.match(query.text).hasMatch()) {
        static const QRegularExpression digits(QStringLiteral("\\d+"));
        std::vector<qint64> shape;
        auto it = digits.globalMatch(query.text);
        while (it.hasNext())
            shape.push_back(it.next().captured().toLongLong());
        query.shape = shape;
    }
    return query;
}

bool matchesFilter(const FilterQuery& query, const FilterSubject& subject) {
    if (query.isEmpty())
        return true;
    if (subject.name.contains(query.text, Qt::CaseInsensitive) ||
        subject.kind.contains(query.text, Qt::CaseInsensitive))
        return true;
    if (!subject.isTensor)
        return false;
    if (query.size)
        return std::find(subject.sizes.begin(), subject.sizes.end(), *query.size) !=
               subject.sizes.end();
    if (query.shape)
        return *query.shape == subject.sizes;
    if (compact(subject.shapeText) == compact(query.text))
        return true;
    for (const QString& name : subject.dimNames)
        if (name.compare(query.text, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

} // namespace ds::itemmodels
