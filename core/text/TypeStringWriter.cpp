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
        return name + QLatin1Char('=') + plainNumber(v);
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

    // with_min_max on a long sequence of known numbers: Python's min, max
    // (the first smallest and largest item, printed as it is) and the mean of
    // float(x), as "mini,maxi" and the mean; nullopt when one item is not a
    // number with a value.
    struct NumberStats {
        QString mini, maxi, mean;
    };
    std::optional<NumberStats> numberStats(const std::vector<InputValue::Ptr>& items) const {
        if (!m_options.scalarValues || items.empty())
            return std::nullopt;
        const InputValue* mini = nullptr;
        const InputValue* maxi = nullptr;
        double sum = 0;
        for (const auto& item : items) {
            const ValueKind k = item ? item->kind() : ValueKind::None;
            if ((k != ValueKind::Int && k != ValueKind::Float && k != ValueKind::Bool) ||
                !item->scalar().isValid())
                return std::nullopt;
            const double x = item->scalar().toDouble();
            sum += x;
            if (!mini || x < mini->scalar().toDouble())
                mini = item.get();
            if (!maxi || x > maxi->scalar().toDouble())
                maxi = item.get();
        }
        return NumberStats{plainNumber(*mini), plainNumber(*maxi),
                           pythonFloatRepr(sum / static_cast<double>(items.size()))};
    }

    // str(x) of a Python number.
    static QString plainNumber(const InputValue& v) {
        switch (v.kind()) {
        case ValueKind::Bool:
            return v.scalar().toBool() ? QStringLiteral("True") : QStringLiteral("False");
        case ValueKind::Float:
            return pythonFloatRepr(v.scalar().toDouble());
        default:
            return QString::number(v.scalar().toLongLong());
        }
    }

    QString list(const std::vector<InputValue::Ptr>& items) const {
        const int n = static_cast<int>(items.size());
        if (n >= kShortSequence) {
            const QString head = QStringLiteral("#%1[%2,...]").arg(n).arg(render(*items.front()));
            if (const auto stats = numberStats(items))
                return head +
                       QStringLiteral("[%1,%2:%3]").arg(stats->mini, stats->maxi, stats->mean);
            return head;
        }
        return QStringLiteral("#%1[%2]").arg(n).arg(joined(items, QStringLiteral(",")));
    }

    QString tuple(const std::vector<InputValue::Ptr>& items) const {
        const int n = static_cast<int>(items.size());
        if (n >= kShortSequence) {
            const QString head = QStringLiteral("#%1(%2,...)").arg(n).arg(render(*items.front()));
            // onnx-diagnostic writes a tuple's mean as A[mean], a list's as mean.
            if (const auto stats = numberStats(items))
                return head +
                       QStringLiteral("[%1,%2:A[%3]]").arg(stats->mini, stats->maxi, stats->mean);
            return head;
        }
        if (n == 1)
            return QLatin1Char('(') + render(*items.front()) + QStringLiteral(",)");
        return QLatin1Char('(') + joined(items, QStringLiteral(",")) + QLatin1Char(')');
    }

    QString dict(const InputValue& v) const {
        if (v.size() == 0)
            return QStringLiteral("{}");
        // onnx-diagnostic: braces only when every key is an int, dict(...)
        // as soon as one is not ({0:..., 'a':...} prints dict(0:...,a:...)).
        bool allInts = true;
        for (const Key& k : v.keys())
            allInts = allInts && k.isInt;
        // Int keys and string values is how onnx-diagnostic recognises a
        // dynamic_shapes entry: {0:DYN(batch)}.
        bool allStrings = true;
        for (const auto& item : v.items())
            allStrings =
                allStrings && item && item->kind() == ValueKind::Str && item->scalar().isValid();
        if (allInts && allStrings) {
            QStringList rows;
            for (size_t i = 0; i < v.keys().size(); ++i)
                rows << v.keys()[i].toString() + QStringLiteral(":DYN(") +
                            v.items()[i]->scalar().toString() + QLatin1Char(')');
            return QLatin1Char('{') + rows.join(QLatin1Char(',')) + QLatin1Char('}');
        }
        QStringList parts;
        for (size_t i = 0; i < v.keys().size(); ++i)
            parts << v.keys()[i].toString() + QLatin1Char(':') + render(*v.items()[i]);
        if (allInts)
            return QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
        return QStringLiteral("dict(") + parts.join(QLatin1Char(',')) + QLatin1Char(')');
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
