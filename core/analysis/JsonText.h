#pragma once

#include <QByteArray>
#include <QString>

#include <utility>
#include <vector>

namespace ds::analysis {

// A JSON value whose objects keep their keys in insertion order. Reports are
// read by people and diffed by tools: the order the issue documents
// ("summary", "dims", "structure") must survive, which QJsonObject's sorted
// keys do not allow.
class JsonText {
public:
    static JsonText null() { return JsonText(Kind::Null); }
    static JsonText boolean(bool v);
    static JsonText integer(qint64 v);
    static JsonText real(double v); // 6 significant digits; null when not finite
    static JsonText string(const QString& s);
    static JsonText array() { return JsonText(Kind::Array); }
    static JsonText object() { return JsonText(Kind::Object); }

    JsonText& append(JsonText item);                  // array
    JsonText& insert(const QString& key, JsonText v); // object, keys in insertion order

    // Two-space indentation; a container that fits in 120 columns stays on one
    // line. Ends with a newline.
    QByteArray toBytes() const;

private:
    enum class Kind { Null, Bool, Int, String, Array, Object };
    explicit JsonText(Kind k) : m_kind(k) {}

    QString compact() const;
    // `indent`: of the lines this value opens; `column`: where its first character lands.
    void write(QString& out, int indent, int column) const;

    Kind m_kind;
    QString m_scalar; // Bool/Int/String: the JSON text of the value
    std::vector<JsonText> m_items;
    std::vector<std::pair<QString, JsonText>> m_entries;
};

} // namespace ds::analysis
