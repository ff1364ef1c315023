#include "NodeText.h"

#include "text/PyValue.h"
#include "text/PythonRepr.h"

#include <QStringList>

namespace ds::itemmodels {

namespace {

const QString kTimes = QStringLiteral(" \u00d7 ");

QString leafText(const InputValue& value) {
    const QVariant& scalar = value.scalar();
    switch (value.kind()) {
    case ValueKind::None:
        return QStringLiteral("None");
    case ValueKind::Object:
        return value.shortClassName();
    case ValueKind::Str:
        return scalar.isValid()
                   ? QStringLiteral("str = ") + text::pythonStringRepr(scalar.toString())
                   : QStringLiteral("str");
    case ValueKind::Bool:
        return scalar.isValid() ? (scalar.toBool() ? QStringLiteral("bool = True")
                                                   : QStringLiteral("bool = False"))
                                : QStringLiteral("bool");
    case ValueKind::Int:
        return scalar.isValid() ? kindName(value.kind()) + QStringLiteral(" = ") + scalar.toString()
                                : kindName(value.kind());
    case ValueKind::Float: // as Python prints it: 2.0, 1e-05, inf
        return scalar.isValid() ? kindName(value.kind()) + QStringLiteral(" = ") +
                                      text::pythonFloatRepr(scalar.toDouble())
                                : kindName(value.kind());
    default:
        return kindName(value.kind());
    }
}

} // namespace

QString nodeName(const spec::ExportNode& node) {
    if (!node.label.isEmpty())
        return node.label;
    if (!node.parent)
        return QStringLiteral("inputs");
    if (node.parent->kind == spec::ExportNode::Kind::Dict)
        return node.key.toString();
    return QStringLiteral("[%1]").arg(node.key.toString());
}

QString nodeKindText(const spec::ExportNode& node) {
    switch (node.kind) {
    case spec::ExportNode::Kind::Dict: {
        const QString cls = node.source ? node.source->shortClassName() : QString();
        return cls.isEmpty() ? QStringLiteral("dict") : cls;
    }
    case spec::ExportNode::Kind::List:
        if (!node.cacheClass.isEmpty())
            return node.cacheClass;
        return QStringLiteral("list[%1]").arg(node.childCount());
    case spec::ExportNode::Kind::Tuple:
        return QStringLiteral("tuple[%1]").arg(node.childCount());
    case spec::ExportNode::Kind::Tensor: {
        QString text = torchName(node.tensor().dtype);
        if (node.tensor().isParameter)
            text += QStringLiteral(" parameter");
        return text;
    }
    case spec::ExportNode::Kind::Leaf:
        return node.source ? leafText(*node.source) : QStringLiteral("None");
    }
    return QString();
}

QString shapeText(const spec::ExportNode& tensor, const spec::ShapeSpec& spec) {
    const auto& shape = tensor.tensor().shape;
    if (shape.empty())
        return QStringLiteral("scalar");
    QStringList parts;
    for (int d = 0; d < static_cast<int>(shape.size()); ++d) {
        const spec::DimRef ref{tensor.tensorIndex, d};
        if (spec.contains(ref) && spec.dim(ref).isDynamic())
            parts << spec.dim(ref).displayText();
        else
            parts << QString::number(shape[static_cast<size_t>(d)]);
    }
    return parts.join(kTimes);
}

namespace {

// " (1..1024)", " (2..)", " (..64)": the bounds the preview's Dim() carries.
QString boundsSuffix(const spec::DimSpec& spec) {
    if (!spec.hasBounds() || !spec.isDynamic())
        return QString();
    return QStringLiteral(" (%1..%2)").arg(boundText(spec.min), boundText(spec.max));
}

} // namespace

QString dimSpecText(const spec::DimSpec& spec) {
    return spec.displayText() + boundsSuffix(spec);
}

QString tensorSpecText(const spec::ShapeSpec& spec, int tensor) {
    if (tensor < 0 || tensor >= spec.tensorCount())
        return QString();
    QStringList parts;
    for (int d = 0; d < spec.rank(tensor); ++d) {
        const spec::DimSpec& s = spec.dim(tensor, d);
        if (!s.isDynamic())
            continue;
        const QString text =
            s.kind == spec::DimSpec::Kind::Named ? text::pythonStringRepr(s.name) : s.displayText();
        parts << QStringLiteral("%1: %2").arg(d).arg(text + boundsSuffix(s));
    }
    return QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
}

QString boundText(std::optional<qint64> bound) {
    return bound ? QString::number(*bound) : QString();
}

QString tensorCountText(int n) {
    return n == 1 ? QStringLiteral("1 tensor") : QStringLiteral("%1 tensors").arg(n);
}

QString containerSummary(const spec::ExportNode& node, int tensorsBelow) {
    QString text = tensorCountText(tensorsBelow);
    if (node.source && node.source->kind() == ValueKind::Object) {
        const InputValue::Ptr window = node.source->field(QStringLiteral("sliding_window"));
        if (window && window->kind() == ValueKind::Int && window->scalar().isValid())
            text += QStringLiteral(" · window %1").arg(window->scalar().toLongLong());
    }
    return text;
}

} // namespace ds::itemmodels
