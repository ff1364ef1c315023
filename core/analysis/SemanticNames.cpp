#include "SemanticNames.h"

#include <QHash>
#include <map>

namespace ds::analysis {

namespace {

QString roleOf(const GuessedDim& d) {
    if (d.dim == 0 && d.rank >= 2)
        return QStringLiteral("batch");
    if (d.inCache && d.dim == d.rank - 2)
        return QStringLiteral("cache");
    if (!d.inCache)
        return QStringLiteral("seq");
    return QStringLiteral("dim");
}

int rolePriority(const QString& role) {
    static const QStringList order{QStringLiteral("batch"), QStringLiteral("cache"),
                                   QStringLiteral("seq"), QStringLiteral("dim")};
    return static_cast<int>(order.indexOf(role));
}

} // namespace

QStringList semanticNames(const std::vector<GuessedDim>& dims) {
    // Groups by signature, in order of first appearance.
    std::map<std::vector<qint64>, int> groupOfSignature;
    std::vector<int> groupOfDim;
    std::vector<QString> groupRole;
    for (const GuessedDim& d : dims) {
        auto [it, inserted] =
            groupOfSignature.emplace(d.signature, static_cast<int>(groupRole.size()));
        if (inserted)
            groupRole.push_back(roleOf(d));
        else if (rolePriority(roleOf(d)) < rolePriority(groupRole[static_cast<size_t>(it->second)]))
            groupRole[static_cast<size_t>(it->second)] = roleOf(d);
        groupOfDim.push_back(it->second);
    }
    QHash<QString, int> uses;
    QStringList groupName;
    for (const QString& role : groupRole) {
        const int n = uses.value(role, 0);
        uses.insert(role, n + 1);
        groupName << (n == 0 ? role : QStringLiteral("%1_%2").arg(role).arg(n));
    }
    QStringList names;
    for (int g : groupOfDim)
        names << groupName[g];
    return names;
}

} // namespace ds::analysis
