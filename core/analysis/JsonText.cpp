#include "JsonText.h"

#include <cmath>

#include <QJsonArray>
#include <QJsonDocument>

namespace ds::analysis {

namespace {

constexpr int kLineWidth = 120; // the summary object fits on one line

// QJson escapes strings exactly as JSON wants; borrow it for one string.
QString quoted(const QString& s) {
    const QByteArray wrapped = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

} // namespace

JsonText JsonText::boolean(bool v) {
    JsonText j(Kind::Bool);
    j.m_scalar = v ? QStringLiteral("true") : QStringLiteral("false");
    return j;
}

JsonText JsonText::integer(qint64 v) {
    JsonText j(Kind::Int);
    j.m_scalar = QString::number(v);
    return j;
}

JsonText JsonText::real(double v) {
    JsonText j(Kind::Int);
    j.m_scalar = std::isfinite(v) ? QString::number(v, 'g', 6) : QStringLiteral("null");
    return j;
}

JsonText JsonText::string(const QString& s) {
    JsonText j(Kind::String);
    j.m_scalar = quoted(s);
    return j;
}

JsonText& JsonText::append(JsonText item) {
    m_items.push_back(std::move(item));
    return *this;
}

JsonText& JsonText::insert(const QString& key, JsonText v) {
    for (auto& entry : m_entries)
        if (entry.first == key) {
            entry.second = std::move(v);
            return *this;
        }
    m_entries.emplace_back(key, std::move(v));
    return *this;
}

QString JsonText::compact() const {
    switch (m_kind) {
    case Kind::Null:
        return QStringLiteral("null");
    case Kind::Bool:
    case Kind::Int:
    case Kind::String:
        return m_scalar;
    case Kind::Array: {
        QStringList parts;
        for (const JsonText& item : m_items)
            parts << item.compact();
        return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    case Kind::Object: {
        QStringList parts;
        for (const auto& [key, value] : m_entries)
            parts << quoted(key) + QStringLiteral(": ") + value.compact();
        return QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
    }
    }
    return QString();
}

void JsonText::write(QString& out, int indent, int column) const {
    const QString oneLine = compact();
    const bool container = m_kind == Kind::Array || m_kind == Kind::Object;
    if (!container || column + oneLine.size() <= kLineWidth ||
        (m_items.empty() && m_entries.empty())) {
        out += oneLine;
        return;
    }
    const QString inner(indent + 2, QLatin1Char(' '));
    out += m_kind == Kind::Array ? QLatin1Char('[') : QLatin1Char('{');
    out += QLatin1Char('\n');
    const size_t n = m_kind == Kind::Array ? m_items.size() : m_entries.size();
    for (size_t i = 0; i < n; ++i) {
        out += inner;
        if (m_kind == Kind::Array) {
            m_items[i].write(out, indent + 2, indent + 2);
        } else {
            const QString key = quoted(m_entries[i].first) + QStringLiteral(": ");
            out += key;
            m_entries[i].second.write(out, indent + 2, indent + 2 + static_cast<int>(key.size()));
        }
        if (i + 1 < n)
            out += QLatin1Char(',');
        out += QLatin1Char('\n');
    }
    out += QString(indent, QLatin1Char(' '));
    out += m_kind == Kind::Array ? QLatin1Char(']') : QLatin1Char('}');
}

QByteArray JsonText::toBytes() const {
    QString out;
    write(out, 0, 0);
    out += QLatin1Char('\n');
    return out.toUtf8();
}

} // namespace ds::analysis
