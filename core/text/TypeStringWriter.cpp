#include "TypeString.h"

#include "PythonRepr.h"
#include "caches/NodeKinds.h"

namespace ds::text {

namespace {

// Lists and tuples of 20 items or more show only their first item.
constexpr int kShortSequence = 20;

class Writer {
public:
    explicit Writer(const TypeStringOptions& options) : m_options(options) {}

    QString render(const InputValue& v) const {
        switch (v.kind()) {
        case ValueKind::Bool:
        case ValueKind::Int:
        case ValueKind::Float:
            return scalar(v);
        case ValueKind::None:
        case ValueKind::Str:
        case ValueKind::Bytes:
        case ValueKind::Set:
            return kindName(v.kind());
        case ValueKind::Tensor:
            return tensor(v.tensorInfo());
        case ValueKind::List:
            return list(v.items());
        case ValueKind::Tuple:
            return tuple(v.items());
        case ValueKind::Dict:
            return dict(v);
        case ValueKind::Object:
            return object(v);
        case ValueKind::Global:
            return v.shortClassName();
        }
        return QString();
    }

private:
    QString scalar(const InputValue& v) const {
        const QString name = kindName(v.kind());
        if (!m_options.scalarValues || !v.scalar().isValid())
            return name;
        switch (v.kind()) {
        case ValueKind::Bool:
            return name +
                   (v.scalar().toBool() ? QStringLiteral("=True") : QStringLiteral("=False"));
        case ValueKind::Float:
            return name + QLatin1Char('=') + pythonFloatRepr(v.scalar().toDouble());
        default:
            return name + QLatin1Char('=') + QString::number(v.scalar().toLongLong());
        }
    }

    QString tensor(const TensorInfo& t) const {
        QString text = QLatin1Char('T') + QString::number(onnxCode(t.dtype)) + QLatin1Char('s');
        for (size_t i = 0; i < t.shape.size(); ++i) {
            if (i > 0)
                text += QLatin1Char('x');
            text += QString::number(t.shape[i]);
        }
        if (m_options.tensorSuffix)
            text += m_options.tensorSuffix(t);
        return text;
    }

    QString joined(const std::vector<InputValue::Ptr>& items, const QString& sep) const {
        QStringList parts;
        parts.reserve(static_cast<int>(items.size()));
        for (const auto& item : items)
            parts << render(*item);
        return parts.join(sep);
    }

    QString list(const std::vector<InputValue::Ptr>& items) const {
        const int n = static_cast<int>(items.size());
        if (n >= kShortSequence)
            return QStringLiteral("#%1[%2,...]").arg(n).arg(render(*items.front()));
        return QStringLiteral("#%1[%2]").arg(n).arg(joined(items, QStringLiteral(",")));
    }

    QString tuple(const std::vector<InputValue::Ptr>& items) const {
        const int n = static_cast<int>(items.size());
        if (n >= kShortSequence)
            return QStringLiteral("#%1(%2,...)").arg(n).arg(render(*items.front()));
        if (n == 1)
            return QLatin1Char('(') + render(*items.front()) + QStringLiteral(",)");
        return QLatin1Char('(') + joined(items, QStringLiteral(",")) + QLatin1Char(')');
    }

    QString dict(const InputValue& v) const {
        if (v.size() == 0)
            return QStringLiteral("{}");
        bool allStrings = true;
        for (const Key& k : v.keys())
            allStrings = allStrings && !k.isInt;
        QStringList parts;
        for (size_t i = 0; i < v.keys().size(); ++i)
            parts << v.keys()[i].toString() + QLatin1Char(':') + render(*v.items()[i]);
        if (allStrings)
            return QStringLiteral("dict(") + parts.join(QLatin1Char(',')) + QLatin1Char(')');
        return QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
    }

    QString object(const InputValue& v) const {
        if (const caches::NodeKind* kind = caches::findNodeKind(v))
            return kind->typeString(v, [this](const InputValue& child) { return render(child); });
        QStringList parts;
        for (size_t i = 0; i < v.keys().size(); ++i)
            parts << v.keys()[i].toString() + QLatin1Char('=') + render(*v.items()[i]);
        return v.shortClassName() + QLatin1Char('(') + parts.join(QStringLiteral(", ")) +
               QLatin1Char(')');
    }

    const TypeStringOptions& m_options;
};

} // namespace

QString typeString(const InputValue& value, const TypeStringOptions& options) {
    return Writer(options).render(value);
}

QString typeString(const InputValue& value, const TensorSuffix& suffix) {
    TypeStringOptions options;
    options.tensorSuffix = suffix;
    return Writer(options).render(value);
}

} // namespace ds::text
