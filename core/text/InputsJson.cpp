#include "InputsJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace ds::text {

namespace {

constexpr int kMaxDepth = 500;

class Reader {
public:
    Result<InputValue::Ptr> value(const QJsonValue& v, const QString& path, int depth) {
        if (depth > kMaxDepth)
            return Error(QStringLiteral("nesting deeper than %1 levels").arg(kMaxDepth), path);
        switch (v.type()) {
        case QJsonValue::Null:
            return InputValue::none();
        case QJsonValue::Bool:
            return InputValue::boolean(v.toBool());
        case QJsonValue::Double: {
            const double d = v.toDouble();
            if (std::floor(d) == d && std::abs(d) < 9.007199254740992e15)
                return InputValue::integer(static_cast<qint64>(d));
            return InputValue::floating(d);
        }
        case QJsonValue::String:
            return InputValue::string(v.toString());
        case QJsonValue::Array:
            return Error(
                QStringLiteral(
                    "a bare array is ambiguous: write {\"list\": [...]} or {\"tuple\": [...]}"),
                path);
        case QJsonValue::Object:
            return object(v.toObject(), path, depth);
        case QJsonValue::Undefined:
            break;
        }
        return Error(QStringLiteral("unexpected value"), path);
    }

private:
    static QString at(const QString& path, const QString& part) {
        return path.isEmpty() ? part : path + QLatin1Char('.') + part;
    }

    Result<InputValue::Ptr> object(const QJsonObject& o, const QString& path, int depth) {
        if (o.contains(QStringLiteral("tensor")))
            return tensor(o.value(QStringLiteral("tensor")).toObject(), path);
        for (const char* kind : {"list", "tuple"}) {
            if (!o.contains(QLatin1String(kind)))
                continue;
            const QJsonValue items = o.value(QLatin1String(kind));
            if (!items.isArray())
                return Error(QStringLiteral("\"%1\" takes an array").arg(QLatin1String(kind)),
                             path);
            std::vector<InputValue::Ptr> children;
            const QJsonArray a = items.toArray();
            for (int i = 0; i < a.size(); ++i) {
                auto c = value(a[i], at(path, QString::number(i)), depth + 1);
                if (!c)
                    return c;
                children.push_back(c.value());
            }
            return qstrcmp(kind, "list") == 0 ? InputValue::list(std::move(children))
                                              : InputValue::tuple(std::move(children));
        }
        if (o.contains(QStringLiteral("dict"))) {
            InputValue::Ptr d = InputValue::dict();
            if (auto s = pairs(*d, o.value(QStringLiteral("dict")), path, depth, true); !s)
                return s.error();
            return d;
        }
        if (o.contains(QStringLiteral("object"))) {
            InputValue::Ptr obj = InputValue::object(o.value(QStringLiteral("object")).toString());
            if (obj->className().isEmpty())
                return Error(QStringLiteral("\"object\" takes a class name"), path);
            if (auto s = pairs(*obj, o.value(QStringLiteral("fields")), path, depth, false); !s)
                return s.error();
            return obj;
        }
        return Error(
            QStringLiteral("expected one of \"tensor\", \"dict\", \"list\", \"tuple\", \"object\""),
            path);
    }

    Status pairs(InputValue& target, const QJsonValue& v, const QString& path, int depth,
                 bool intKeys) {
        if (!v.isArray())
            return Error(QStringLiteral("expected an array of [key, value] pairs"), path);
        for (const QJsonValue& pair : v.toArray()) {
            const QJsonArray kv = pair.toArray();
            if (kv.size() != 2 || !(kv[0].isString() || (intKeys && kv[0].isDouble())))
                return Error(QStringLiteral("expected a [key, value] pair with a string%1 key")
                                 .arg(intKeys ? QStringLiteral(" or integer") : QString()),
                             path);
            // toInteger() gives 0 for what no qint64 holds: such a key is refused.
            if (kv[0].isDouble() && static_cast<double>(kv[0].toInteger()) != kv[0].toDouble())
                return Error(QStringLiteral("an integer key must be a whole number within 64 "
                                            "bits"),
                             path);
            const Key key =
                kv[0].isString() ? Key::str(kv[0].toString()) : Key::integer(kv[0].toInteger());
            if (target.indexOf(key) >= 0)
                return Error(QStringLiteral("key '%1' appears twice").arg(key.toString()), path);
            auto c = value(kv[1], at(path, key.toString()), depth + 1);
            if (!c)
                return c.error();
            target.insert(key, c.value());
        }
        return okStatus();
    }

    Result<InputValue::Ptr> tensor(const QJsonObject& t, const QString& path) {
        TensorInfo info;
        const QString dtype = t.value(QStringLiteral("dtype")).toString(QStringLiteral("float32"));
        info.dtype = dtypeFromTorchName(dtype);
        if (info.dtype == DType::Unknown)
            return Error(QStringLiteral("unknown dtype '%1'").arg(dtype), path);
        const QJsonValue shape = t.value(QStringLiteral("shape"));
        if (!shape.isArray())
            return Error(QStringLiteral("a tensor needs \"shape\": [sizes]"), path);
        for (const QJsonValue& d : shape.toArray()) {
            const double size = d.toDouble(-1);
            if (!d.isDouble() || size < 0 || std::floor(size) != size || size > 9.0e15)
                return Error(QStringLiteral("shape sizes must be non-negative integers"), path);
            info.shape.push_back(static_cast<qint64>(size));
        }
        return InputValue::tensor(std::move(info));
    }
};

QJsonValue toJson(const InputValue& v) {
    switch (v.kind()) {
    case ValueKind::Tensor: {
        QJsonArray shape;
        for (qint64 d : v.tensorInfo().shape)
            shape.append(static_cast<double>(d));
        return QJsonObject{{QStringLiteral("tensor"),
                            QJsonObject{{QStringLiteral("dtype"), torchName(v.tensorInfo().dtype)},
                                        {QStringLiteral("shape"), shape}}}};
    }
    case ValueKind::List:
    case ValueKind::Tuple:
    case ValueKind::Set: {
        QJsonArray items;
        for (const auto& item : v.items())
            items.append(toJson(*item));
        return QJsonObject{
            {v.kind() == ValueKind::Tuple ? QStringLiteral("tuple") : QStringLiteral("list"),
             items}};
    }
    case ValueKind::Dict:
    case ValueKind::Object: {
        QJsonArray pairs;
        for (size_t i = 0; i < v.keys().size(); ++i) {
            const Key& k = v.keys()[i];
            pairs.append(QJsonArray{k.isInt ? QJsonValue(static_cast<double>(k.intValue))
                                            : QJsonValue(k.text),
                                    toJson(*v.items()[i])});
        }
        if (v.kind() == ValueKind::Dict)
            return QJsonObject{{QStringLiteral("dict"), pairs}};
        return QJsonObject{{QStringLiteral("object"), v.className()},
                           {QStringLiteral("fields"), pairs}};
    }
    case ValueKind::None:
        return QJsonValue(QJsonValue::Null);
    default:
        return QJsonValue::fromVariant(v.scalar());
    }
}

} // namespace

Result<InputValue::Ptr> inputsFromJson(const QByteArray& json) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        const QByteArray before = json.left(error.offset);
        return Error(QStringLiteral("not valid JSON: %1").arg(error.errorString()),
                     QStringLiteral("line %1, column %2")
                         .arg(before.count('\n') + 1)
                         .arg(error.offset - (before.lastIndexOf('\n') + 1) + 1));
    }
    const QJsonObject root = doc.object();
    if (!root.contains(QStringLiteral("dimstudio_inputs")) ||
        !root.contains(QStringLiteral("value")))
        return Error(QStringLiteral("not a DimStudio inputs description: expected "
                                    "{\"dimstudio_inputs\": 1, \"value\": ...}"));
    return Reader().value(root.value(QStringLiteral("value")), QStringLiteral("value"), 0);
}

QByteArray inputsToJson(const InputValue& value) {
    return QJsonDocument(QJsonObject{{QStringLiteral("dimstudio_inputs"), 1},
                                     {QStringLiteral("value"), toJson(value)}})
        .toJson(QJsonDocument::Indented);
}

} // namespace ds::text
