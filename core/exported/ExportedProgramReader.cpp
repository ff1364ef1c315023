#include "ExportedProgramReader.h"

#include "pt/ZipArchive.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <optional>

namespace ds::exported {

namespace {

constexpr int kSchemaMajor = 8;                       // torch 2.6 (8.2) to 2.14 (8.20)
constexpr qint64 kMaxProgramJson = 256 * 1024 * 1024; // the graph of a large model is tens of MB
constexpr int kMaxTreeDepth = 500;

// --- sympy's srepr, as far as sizes use it -----------------------------------

class SreprParser {
public:
    explicit SreprParser(const QString& s) : m_s(s) {}

    // The expression as torch prints it, or nullopt when the text is not srepr.
    std::optional<QString> run() {
        auto e = term(0);
        if (!e || m_i != m_s.size())
            return std::nullopt;
        return e;
    }

private:
    std::optional<QString> term(int depth) {
        if (depth > 64)
            return std::nullopt;
        skip();
        const int start = m_i;
        while (m_i < m_s.size() && (m_s[m_i].isLetterOrNumber() || m_s[m_i] == QLatin1Char('_')))
            ++m_i;
        const QString name = m_s.mid(start, m_i - start);
        if (name.isEmpty() || peek() != QLatin1Char('('))
            return std::nullopt;
        ++m_i;
        QStringList args;
        while (true) {
            skip();
            if (peek() == QLatin1Char(')')) {
                ++m_i;
                break;
            }
            if (peek() == QLatin1Char('\'')) { // Symbol('s0', ...)'s name
                const int close = static_cast<int>(m_s.indexOf(QLatin1Char('\''), m_i + 1));
                if (close < 0)
                    return std::nullopt;
                args << m_s.mid(m_i + 1, close - m_i - 1);
                m_i = close + 1;
            } else if (peek() == QLatin1Char('-') || peek().isDigit()) {
                const int begin = m_i++;
                while (m_i < m_s.size() && m_s[m_i].isDigit())
                    ++m_i;
                args << m_s.mid(begin, m_i - begin);
            } else if (keywordAhead()) { // positive=True: sympy's assumptions
                while (m_i < m_s.size() && m_s[m_i] != QLatin1Char(',') &&
                       m_s[m_i] != QLatin1Char(')'))
                    ++m_i;
            } else {
                auto inner = term(depth + 1);
                if (!inner)
                    return std::nullopt;
                args << *inner;
            }
            skip();
            if (peek() == QLatin1Char(','))
                ++m_i;
            else if (peek() != QLatin1Char(')'))
                return std::nullopt;
        }
        if ((name == QLatin1String("Symbol") || name == QLatin1String("Integer")) &&
            args.size() == 1)
            return args.front();
        if (name == QLatin1String("Mul") && !args.isEmpty())
            return args.join(QLatin1Char('*'));
        if (name == QLatin1String("Add") && !args.isEmpty()) {
            // sympy lists the constant first; torch prints it last: 2*s0 + 1.
            QStringList terms, constants;
            for (const QString& a : args)
                (isInteger(a) ? constants : terms) << a;
            QString text = (terms + constants).join(QStringLiteral(" + "));
            return text.replace(QStringLiteral("+ -"), QStringLiteral("- "));
        }
        return name + QLatin1Char('(') + args.join(QStringLiteral(", ")) + QLatin1Char(')');
    }

    static bool isInteger(const QString& s) {
        bool ok = false;
        s.toLongLong(&ok);
        return ok;
    }
    bool keywordAhead() const {
        int j = m_i;
        while (j < m_s.size() && (m_s[j].isLetterOrNumber() || m_s[j] == QLatin1Char('_')))
            ++j;
        return j > m_i && j < m_s.size() && m_s[j] == QLatin1Char('=');
    }
    QChar peek() const { return m_i < m_s.size() ? m_s[m_i] : QChar(); }
    void skip() {
        while (m_i < m_s.size() && m_s[m_i].isSpace())
            ++m_i;
    }

    const QString& m_s;
    int m_i = 0;
};

// --- the input tree spec: the pytree path of every user input -----------------

struct Leaf {
    QString path;
    bool underCustomNode = false;
};

// keystr's form of a dict key: ['a'] or [0].
QString keyText(const QJsonValue& key) {
    if (key.isDouble())
        return QStringLiteral("[%1]").arg(key.toInteger());
    return QStringLiteral("['%1']").arg(key.toVariant().toString());
}

Status walkSpec(const QJsonObject& node, const QString& path, bool custom, int depth,
                std::vector<Leaf>& out) {
    if (depth > kMaxTreeDepth)
        return Error(
            QStringLiteral("the input tree spec nests deeper than %1 levels").arg(kMaxTreeDepth));
    const QJsonValue type = node.value(QStringLiteral("type"));
    const QJsonArray children = node.value(QStringLiteral("children_spec")).toArray();
    if (type.isNull()) { // a leaf
        out.push_back({path, custom});
        return okStatus();
    }
    const QString typeName = type.toString();
    const bool isDict = typeName == QLatin1String("builtins.dict") ||
                        typeName == QLatin1String("collections.OrderedDict") ||
                        typeName == QLatin1String("collections.defaultdict");
    const bool isSequence =
        typeName == QLatin1String("builtins.tuple") || typeName == QLatin1String("builtins.list");
    QJsonArray keys;
    if (isDict) {
        const QJsonDocument context =
            QJsonDocument::fromJson(node.value(QStringLiteral("context")).toString().toUtf8());
        keys = context.isArray() ? context.array() : QJsonArray();
        // defaultdict's context is [default_factory, keys].
        if (typeName == QLatin1String("collections.defaultdict") && keys.size() == 2 &&
            keys.at(1).isArray())
            keys = keys.at(1).toArray();
        if (keys.size() != children.size())
            return Error(QStringLiteral("the input tree spec gives a dict %1 keys for %2 children")
                             .arg(keys.size())
                             .arg(children.size()),
                         path.isEmpty() ? QStringLiteral("the top level") : path);
    }
    for (int i = 0; i < children.size(); ++i) {
        const QString sub =
            isDict ? path + keyText(keys.at(i)) : path + QStringLiteral("[%1]").arg(i);
        if (Status s = walkSpec(children.at(i).toObject(), sub, custom || (!isDict && !isSequence),
                                depth + 1, out);
            !s)
            return s;
    }
    return okStatus();
}

// The paths of the user inputs, relative to the inputs as DimStudio holds
// them: the keyword arguments' when there are no positional ones, else the
// positional ones' ([0], [1], ...).
Result<std::vector<Leaf>> inputPaths(const QString& inSpecText) {
    const QJsonDocument doc = QJsonDocument::fromJson(inSpecText.toUtf8());
    const QJsonArray versioned = doc.array();
    if (versioned.size() != 2 || !versioned.at(1).isObject())
        return Error(QStringLiteral("the input tree spec is not [version, tree]"));
    const QJsonObject root = versioned.at(1).toObject();
    const QJsonArray parts = root.value(QStringLiteral("children_spec")).toArray();
    if (root.value(QStringLiteral("type")).toString() != QLatin1String("builtins.tuple") ||
        parts.size() != 2)
        return Error(QStringLiteral("the input tree spec is not (args, kwargs)"));
    std::vector<Leaf> args, kwargs;
    if (Status s = walkSpec(parts.at(0).toObject(), QString(), false, 1, args); !s)
        return s.error();
    if (Status s = walkSpec(parts.at(1).toObject(), QString(), false, 1, kwargs); !s)
        return s.error();
    if (args.empty())
        return kwargs;
    args.insert(args.end(), kwargs.begin(), kwargs.end());
    return args;
}

// --- sizes ------------------------------------------------------------------

struct Range {
    std::optional<qint64> min, max;
};

std::optional<qint64> bound(const QJsonValue& v) {
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (d >= 4.6e18 || d <= -4.6e18) // int_oo written as a huge number
        return std::nullopt;
    return static_cast<qint64>(d);
}

Result<ExportedSize> sizeOf(const QJsonObject& size, const QHash<QString, Range>& ranges,
                            const QString& where) {
    ExportedSize out;
    if (size.contains(QStringLiteral("as_int"))) {
        out.constant = true;
        out.value = size.value(QStringLiteral("as_int")).toInteger();
        return out;
    }
    const QJsonObject expr = size.value(QStringLiteral("as_expr")).toObject();
    const QString text = expr.value(QStringLiteral("expr_str")).toString();
    if (text.isEmpty())
        return Error(QStringLiteral("a size is neither as_int nor as_expr"), where);
    out.expr = SreprParser(text).run().value_or(text);
    const QJsonValue hint =
        expr.value(QStringLiteral("hint")).toObject().value(QStringLiteral("as_int"));
    if (hint.isDouble())
        out.hint = hint.toInteger();
    // The symbols it uses must have a range: torch writes one for each.
    static const QRegularExpression symbolRe(QStringLiteral("\\b([a-z]\\w*)\\b"));
    for (auto it = symbolRe.globalMatch(out.expr); it.hasNext();) {
        const QString symbol = it.next().captured(1);
        if (!ranges.contains(symbol))
            return Error(QStringLiteral("symbol %1 has no range in range_constraints").arg(symbol),
                         where);
    }
    // a*s + b: the range follows from the symbol's.
    static const QRegularExpression linear(
        QStringLiteral("^(?:(\\d+)\\*)?([a-z]\\w*)(?: ([+-]) (\\d+))?$"));
    if (const auto m = linear.match(out.expr); m.hasMatch()) {
        const qint64 mul = m.captured(1).isEmpty() ? 1 : m.captured(1).toLongLong();
        const qint64 add =
            m.captured(4).isEmpty()
                ? 0
                : (m.captured(3) == QLatin1String("-") ? -1 : 1) * m.captured(4).toLongLong();
        const Range r = ranges.value(m.captured(2));
        if (r.min)
            out.min = mul * *r.min + add;
        if (r.max)
            out.max = mul * *r.max + add;
    }
    return out;
}

QString rangeWhere(const QString& input, int dim) {
    return QStringLiteral("input %1 dim %2").arg(input).arg(dim);
}

} // namespace

QString exprFromSrepr(const QString& srepr) {
    return SreprParser(srepr).run().value_or(srepr);
}

Result<ExportedShapes> exportedProgramFromJson(const QByteArray& json, const QString& where) {
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error(QStringLiteral("the exported program's JSON does not parse: %1")
                         .arg(parseError.errorString()),
                     QStringLiteral("%1, byte %2").arg(where).arg(parseError.offset));
    const QJsonObject program = doc.object();
    const QJsonObject version = program.value(QStringLiteral("schema_version")).toObject();
    const int major = version.value(QStringLiteral("major")).toInt(-1);
    if (major != kSchemaMajor)
        return Error(QStringLiteral("schema version %1.%2: DimStudio reads version %3.x (torch "
                                    "2.6 to 2.14)")
                         .arg(major)
                         .arg(version.value(QStringLiteral("minor")).toInt(-1))
                         .arg(kSchemaMajor),
                     where);

    QHash<QString, Range> ranges;
    const QJsonObject constraints = program.value(QStringLiteral("range_constraints")).toObject();
    for (auto it = constraints.begin(); it != constraints.end(); ++it) {
        const QJsonObject r = it.value().toObject();
        ranges.insert(it.key(), {bound(r.value(QStringLiteral("min_val"))),
                                 bound(r.value(QStringLiteral("max_val")))});
    }

    const QJsonObject module = program.value(QStringLiteral("graph_module")).toObject();
    const QJsonObject graph = module.value(QStringLiteral("graph")).toObject();
    const QJsonObject tensors = graph.value(QStringLiteral("tensor_values")).toObject();
    const QJsonObject symInts = graph.value(QStringLiteral("sym_int_values")).toObject();
    const QJsonArray specs = module.value(QStringLiteral("signature"))
                                 .toObject()
                                 .value(QStringLiteral("input_specs"))
                                 .toArray();

    ExportedShapes shapes;
    shapes.origin = QStringLiteral("torch.export %1")
                        .arg(program.value(QStringLiteral("torch_version")).toString());
    for (const QJsonValue& spec : specs) {
        const QJsonObject user = spec.toObject().value(QStringLiteral("user_input")).toObject();
        if (user.isEmpty())
            continue; // parameters, buffers, constants: not inputs
        const QJsonObject arg = user.value(QStringLiteral("arg")).toObject();
        ExportedInput input;
        if (arg.contains(QStringLiteral("as_none")))
            continue; // None is no leaf of the input tree
        if (arg.contains(QStringLiteral("as_tensor"))) {
            input.name = arg.value(QStringLiteral("as_tensor"))
                             .toObject()
                             .value(QStringLiteral("name"))
                             .toString();
            if (!tensors.contains(input.name))
                return Error(
                    QStringLiteral("user input %1 has no tensor_values entry").arg(input.name),
                    where);
            const QJsonArray sizes =
                tensors.value(input.name).toObject().value(QStringLiteral("sizes")).toArray();
            for (int d = 0; d < sizes.size(); ++d) {
                auto size = sizeOf(sizes.at(d).toObject(), ranges, rangeWhere(input.name, d));
                if (!size)
                    return size.error();
                input.dims.push_back(size.value());
            }
        } else if (arg.contains(QStringLiteral("as_sym_int"))) {
            input.tensor = false;
            const QJsonObject symInt = arg.value(QStringLiteral("as_sym_int")).toObject();
            input.name = symInt.value(QStringLiteral("as_name")).toString();
            const QJsonObject value = symInts.value(input.name).toObject();
            auto size = sizeOf(value.isEmpty() ? symInt : value, ranges, rangeWhere(input.name, 0));
            if (!size)
                return size.error();
            input.dims.push_back(size.value());
        } else {
            input.tensor = false; // an int, float, bool or string given as a constant
            input.name = arg.keys().value(0);
            if (arg.contains(QStringLiteral("as_int"))) {
                ExportedSize constant;
                constant.constant = true;
                constant.value = arg.value(QStringLiteral("as_int")).toInteger();
                input.dims.push_back(constant);
            }
        }
        shapes.inputs.push_back(std::move(input));
    }

    // Paths from the module call graph's input tree spec (its root entry).
    QString inSpec;
    for (const QJsonValue& entry : module.value(QStringLiteral("module_call_graph")).toArray()) {
        const QJsonObject e = entry.toObject();
        if (e.value(QStringLiteral("fqn")).toString().isEmpty())
            inSpec = e.value(QStringLiteral("signature"))
                         .toObject()
                         .value(QStringLiteral("in_spec"))
                         .toString();
    }
    if (inSpec.isEmpty())
        return Error(QStringLiteral("the exported program has no input tree spec "
                                    "(module_call_graph's root signature)"),
                     where);
    auto leaves = inputPaths(inSpec);
    if (!leaves)
        return leaves.error().where.isEmpty() ? Error(leaves.error().message, where)
                                              : leaves.error();
    if (leaves.value().size() != shapes.inputs.size())
        return Error(QStringLiteral("the input tree spec has %1 leaves for %2 user inputs")
                         .arg(leaves.value().size())
                         .arg(shapes.inputs.size()),
                     where);
    for (size_t i = 0; i < shapes.inputs.size(); ++i) {
        shapes.inputs[i].path = leaves.value()[i].path;
        shapes.inputs[i].pathIsPositional = leaves.value()[i].underCustomNode;
    }
    return shapes;
}

Result<ExportedShapes> readExportedProgram(const QString& path) {
    auto opened = pt::ZipArchive::open(path);
    if (!opened)
        return Error(QStringLiteral("not a saved exported program: %1").arg(opened.error().message),
                     opened.error().where, path);
    const pt::ZipArchive& zip = *opened.value();
    // torch 2.6: serialized_exported_program.json at the top; later: a PT2
    // archive, <archive>/models/<name>.json beside <archive>/archive_format.
    const pt::ZipEntry* program = zip.find(QStringLiteral("serialized_exported_program.json"));
    if (!program) {
        static const QRegularExpression modelJson(QStringLiteral("^([^/]+/)?models/[^/]+\\.json$"));
        for (const pt::ZipEntry& e : zip.entries())
            if (modelJson.match(e.name).hasMatch() &&
                (!program || e.name.endsWith(QLatin1String("/models/model.json"))))
                program = &e;
    }
    if (!program)
        return Error(QStringLiteral("not a saved exported program: the archive holds neither "
                                    "serialized_exported_program.json nor models/*.json"),
                     QString(), path);
    auto json = zip.read(*program, kMaxProgramJson);
    if (!json)
        return json.error().withFile(path);
    auto shapes = exportedProgramFromJson(json.value(), program->name);
    if (!shapes)
        return shapes.error().withFile(path);
    shapes.value().origin = QStringLiteral("%1 (%2)").arg(path, shapes.value().origin);
    return shapes;
}

} // namespace ds::exported
