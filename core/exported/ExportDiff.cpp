#include "ExportDiff.h"

#include "analysis/DimSpecText.h"
#include "analysis/JsonText.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace ds::exported {

using analysis::JsonText;

QString ExportedSize::symbol() const {
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z_]\\w*$"));
    return !constant && plain.match(expr).hasMatch() ? expr : QString();
}

QString outcomeName(DimOutcome outcome) {
    switch (outcome) {
    case DimOutcome::Kept:
        return QStringLiteral("kept");
    case DimOutcome::Specialized:
        return QStringLiteral("specialized");
    case DimOutcome::Merged:
        return QStringLiteral("merged");
    case DimOutcome::Bounds:
        return QStringLiteral("bounds");
    case DimOutcome::Extra:
        return QStringLiteral("extra");
    case DimOutcome::Static:
        return QStringLiteral("static");
    }
    return QString();
}

int ExportDiff::count(DimOutcome outcome) const {
    return static_cast<int>(std::count_if(
        dims.begin(), dims.end(), [outcome](const auto& row) { return row.status == outcome; }));
}

bool ExportDiff::clean() const {
    return structure.isEmpty() && count(DimOutcome::Specialized) + count(DimOutcome::Merged) +
                                          count(DimOutcome::Bounds) + count(DimOutcome::Extra) ==
                                      0;
}

namespace {

// The tree's leaves as torch's pytree flattens them: tensors and every leaf
// but None, in order.
void collectLeaves(const spec::ExportNode& node, std::vector<const spec::ExportNode*>& out) {
    if (node.kind == spec::ExportNode::Kind::Tensor) {
        out.push_back(&node);
        return;
    }
    if (node.kind == spec::ExportNode::Kind::Leaf) {
        if (node.source && node.source->kind() != ValueKind::None)
            out.push_back(&node);
        return;
    }
    for (const auto& c : node.children)
        collectLeaves(*c, out);
}

// The pytree path with the children of registered classes (caches) given by
// position, as a saved program's tree spec has them: ['past_key_values'][0][1].
QString positionalPath(const spec::ExportNode& leaf) {
    // Walking up, everything below the topmost cache is by position.
    std::vector<const spec::ExportNode*> chain;
    for (const spec::ExportNode* n = &leaf; n && n->parent; n = n->parent)
        chain.push_back(n);
    QString path;
    bool underNode = false;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        const spec::ExportNode* n = *it;
        path += underNode ? QStringLiteral("[%1]").arg(n->indexInParent) : n->pytreeSegment();
        underNode = underNode || !n->cacheClass.isEmpty();
    }
    return path;
}

// torch's name for the placeholder of a pytree path, which torch.onnx keeps
// as the graph input's name: ['past_key_values']['key_cache'][0] ->
// past_key_values_key_cache_0.
QString flatName(const QString& pytreePath) {
    static const QRegularExpression segment(QStringLiteral("\\['([^']*)'\\]|\\[(-?\\d+)\\]"));
    QStringList parts;
    for (auto it = segment.globalMatch(pytreePath); it.hasNext();) {
        const auto m = it.next();
        parts << (m.captured(1).isEmpty() ? m.captured(2) : m.captured(1));
    }
    return parts.join(QLatin1Char('_'));
}

// Which exported input stands for each tree leaf: by pytree path when the
// artifact gives paths, by torch's flat input names when it gives only names
// (ONNX), else by position.
std::vector<const ExportedInput*> lineUp(const std::vector<const spec::ExportNode*>& leaves,
                                         const ExportedShapes& exported, QStringList& problems,
                                         QString& matchedBy) {
    std::vector<const ExportedInput*> matched(leaves.size(), nullptr);
    QHash<QString, const ExportedInput*> byPath;
    for (const ExportedInput& input : exported.inputs)
        if (!input.path.isEmpty())
            byPath.insert(input.path, &input);
    const bool paths =
        byPath.size() == static_cast<int>(exported.inputs.size()) && !byPath.isEmpty();
    // Flat names, when every leaf's name is an input's name.
    QHash<QString, const ExportedInput*> byName;
    QStringList leafNames;
    if (!paths) {
        for (const ExportedInput& input : exported.inputs)
            byName.insert(input.name, &input);
        for (const spec::ExportNode* leaf : leaves) {
            leafNames << flatName(leaf->pytreePath());
            if (!byName.contains(leafNames.back())) {
                byName.clear();
                break;
            }
        }
    }
    const bool names = !byName.isEmpty();
    matchedBy = paths   ? QStringLiteral("pytree path")
                : names ? QStringLiteral("flat input name")
                        : QStringLiteral("position");
    QSet<const ExportedInput*> used;
    for (size_t i = 0; i < leaves.size(); ++i) {
        if (names) {
            matched[i] = byName.value(leafNames[static_cast<int>(i)]);
        } else if (paths) {
            matched[i] = byPath.value(leaves[i]->pytreePath());
            if (!matched[i])
                if (const ExportedInput* p = byPath.value(positionalPath(*leaves[i]));
                    p && p->pathIsPositional)
                    matched[i] = p;
        } else if (i < exported.inputs.size()) {
            matched[i] = &exported.inputs[i];
        }
        if (matched[i])
            used.insert(matched[i]);
        else
            problems << QStringLiteral("%1: no exported input stands for it")
                            .arg(leaves[i]->pytreePath());
    }
    for (const ExportedInput& input : exported.inputs)
        if (!used.contains(&input))
            problems << QStringLiteral("%1: an exported input the inputs do not have")
                            .arg(input.path.isEmpty() ? input.name : input.path);
    return matched;
}

QString rangeText(std::optional<qint64> min, std::optional<qint64> max) {
    return QStringLiteral("min %1, max %2")
        .arg(min ? QString::number(*min) : QStringLiteral("-"),
             max ? QString::number(*max) : QStringLiteral("inf"));
}

// Whether the exported range is the one asked: an unset min is any of
// torch's defaults (0 to 2), an unset max unbounded.
bool sameRange(const spec::DimSpec& asked, const ExportedSize& got) {
    const bool minOk = asked.min ? got.min == asked.min : (!got.min || *got.min <= 2);
    const bool maxOk = asked.max ? got.max == asked.max : !got.max;
    return minOk && maxOk;
}

QString exportedText(const ExportedSize& size) {
    return size.constant ? QString::number(size.value) : size.expr;
}

} // namespace

ExportDiff diffExport(const spec::ExportTree& tree, const spec::ShapeSpec& requested,
                      const ExportedShapes& exported) {
    ExportDiff diff;
    std::vector<const spec::ExportNode*> leaves;
    collectLeaves(*tree.root(), leaves);
    const std::vector<const ExportedInput*> inputs =
        lineUp(leaves, exported, diff.structure, diff.matchedBy);

    // Symbols by requested name and names by symbol, to see merges and splits.
    QHash<QString, QSet<QString>> symbolsOfName, namesOfSymbol;
    for (size_t i = 0; i < leaves.size(); ++i) {
        const spec::ExportNode* leaf = leaves[i];
        if (!inputs[i] || leaf->kind != spec::ExportNode::Kind::Tensor)
            continue;
        for (int d = 0; d < leaf->tensor().rank() && d < static_cast<int>(inputs[i]->dims.size());
             ++d) {
            const spec::DimSpec& s = requested.dim(leaf->tensorIndex, d);
            const QString symbol = inputs[i]->dims[static_cast<size_t>(d)].symbol();
            if (s.kind != spec::DimSpec::Kind::Named || symbol.isEmpty())
                continue;
            symbolsOfName[s.name].insert(symbol);
            namesOfSymbol[symbol].insert(s.name);
        }
    }

    for (size_t i = 0; i < leaves.size(); ++i) {
        const spec::ExportNode* leaf = leaves[i];
        if (leaf->kind != spec::ExportNode::Kind::Tensor || !inputs[i])
            continue;
        const ExportedInput& input = *inputs[i];
        const int rank = leaf->tensor().rank();
        if (static_cast<int>(input.dims.size()) != rank) {
            diff.structure << QStringLiteral("%1: rank %2 here, %3 exported")
                                  .arg(leaf->pytreePath())
                                  .arg(rank)
                                  .arg(input.dims.size());
            continue;
        }
        for (int d = 0; d < rank; ++d) {
            DimOutcomeRow row;
            row.ref = {leaf->tensorIndex, d};
            row.path = leaf->path();
            row.input = input.name;
            row.requested = requested.dim(row.ref);
            row.exported = input.dims[static_cast<size_t>(d)];
            const spec::DimSpec& s = row.requested;
            const ExportedSize& e = row.exported;
            if (!s.isDynamic()) {
                row.status = e.constant ? DimOutcome::Static : DimOutcome::Extra;
                if (!e.constant)
                    row.detail = QStringLiteral("asked static, exported as %1").arg(e.expr);
            } else if (e.constant) {
                row.status = DimOutcome::Specialized;
                row.detail = QStringLiteral("export made it the constant %1").arg(e.value);
            } else if (s.kind == spec::DimSpec::Kind::Named &&
                       (symbolsOfName.value(s.name).size() > 1 ||
                        namesOfSymbol.value(e.symbol()).size() > 1)) {
                row.status = DimOutcome::Merged;
                if (namesOfSymbol.value(e.symbol()).size() > 1) {
                    QStringList others = namesOfSymbol.value(e.symbol()).values();
                    others.sort();
                    row.detail = QStringLiteral("%1 is one symbol for %2")
                                     .arg(e.symbol(), others.join(QStringLiteral(", ")));
                } else {
                    QStringList symbols = symbolsOfName.value(s.name).values();
                    symbols.sort();
                    row.detail = QStringLiteral("'%1' became several symbols: %2")
                                     .arg(s.name, symbols.join(QStringLiteral(", ")));
                }
            } else if (s.kind == spec::DimSpec::Kind::Named && exported.hasRanges &&
                       !sameRange(s, e)) {
                row.status = DimOutcome::Bounds;
                row.detail = QStringLiteral("asked %1; exported %2")
                                 .arg(rangeText(s.min, s.max), rangeText(e.min, e.max));
            } else {
                row.status = DimOutcome::Kept;
            }
            diff.dims.push_back(std::move(row));
        }
    }
    return diff;
}

QString diffToText(const ExportDiff& diff, bool listAll) {
    QString text = QStringLiteral("kept %1, specialized %2, merged %3, bounds %4, extra %5, "
                                  "static %6, structure %7\n")
                       .arg(diff.count(DimOutcome::Kept))
                       .arg(diff.count(DimOutcome::Specialized))
                       .arg(diff.count(DimOutcome::Merged))
                       .arg(diff.count(DimOutcome::Bounds))
                       .arg(diff.count(DimOutcome::Extra))
                       .arg(diff.count(DimOutcome::Static))
                       .arg(diff.structure.size());
    if (diff.clean())
        text += QStringLiteral("export kept exactly what was asked\n");
    auto listed = [listAll](const DimOutcomeRow& r) {
        return listAll || (r.status != DimOutcome::Kept && r.status != DimOutcome::Static);
    };
    int statusWidth = 0, placeWidth = 0, askedWidth = 0;
    auto place = [](const DimOutcomeRow& r) {
        return QStringLiteral("%1 dim %2")
            .arg(r.path.isEmpty() ? QStringLiteral("(input)") : r.path)
            .arg(r.ref.dim);
    };
    for (const DimOutcomeRow& r : diff.dims) {
        if (!listed(r))
            continue;
        statusWidth = std::max(statusWidth, static_cast<int>(outcomeName(r.status).size()));
        placeWidth = std::max(placeWidth, static_cast<int>(place(r).size()));
        askedWidth =
            std::max(askedWidth, static_cast<int>(analysis::dimSpecLabel(r.requested).size()));
    }
    for (const DimOutcomeRow& r : diff.dims) {
        if (!listed(r))
            continue;
        text += QStringLiteral("%1  %2  asked %3  exported %4\n")
                    .arg(outcomeName(r.status), -statusWidth)
                    .arg(place(r), -placeWidth)
                    .arg(analysis::dimSpecLabel(r.requested), -askedWidth)
                    .arg(exportedText(r.exported));
        if (!r.detail.isEmpty())
            text += QString(statusWidth + 2, QLatin1Char(' ')) + r.detail + QLatin1Char('\n');
    }
    for (const QString& s : diff.structure)
        text += QStringLiteral("structure  %1\n").arg(s);
    return text;
}

QByteArray diffToJson(const ExportDiff& diff) {
    return diffJson(diff).toBytes();
}

JsonText diffJson(const ExportDiff& diff) {
    JsonText summary = JsonText::object();
    for (DimOutcome o : {DimOutcome::Kept, DimOutcome::Specialized, DimOutcome::Merged,
                         DimOutcome::Bounds, DimOutcome::Extra, DimOutcome::Static})
        summary.insert(outcomeName(o), JsonText::integer(diff.count(o)));
    summary.insert(QStringLiteral("structure"),
                   JsonText::integer(static_cast<qint64>(diff.structure.size())));
    summary.insert(QStringLiteral("clean"), JsonText::boolean(diff.clean()));
    summary.insert(QStringLiteral("matched_by"), JsonText::string(diff.matchedBy));
    JsonText dims = JsonText::array();
    for (const DimOutcomeRow& r : diff.dims) {
        JsonText row = JsonText::object();
        row.insert(QStringLiteral("path"), JsonText::string(r.path));
        row.insert(QStringLiteral("dim"), JsonText::integer(r.ref.dim));
        row.insert(QStringLiteral("input"), JsonText::string(r.input));
        row.insert(QStringLiteral("status"), JsonText::string(outcomeName(r.status)));
        row.insert(QStringLiteral("requested"), r.requested.isDynamic()
                                                    ? JsonText::string(r.requested.displayText())
                                                    : JsonText::null());
        row.insert(QStringLiteral("exported"), r.exported.constant
                                                   ? JsonText::integer(r.exported.value)
                                                   : JsonText::string(r.exported.expr));
        row.insert(QStringLiteral("min"),
                   r.exported.min ? JsonText::integer(*r.exported.min) : JsonText::null());
        row.insert(QStringLiteral("max"),
                   r.exported.max ? JsonText::integer(*r.exported.max) : JsonText::null());
        row.insert(QStringLiteral("hint"),
                   r.exported.hint ? JsonText::integer(*r.exported.hint) : JsonText::null());
        row.insert(QStringLiteral("detail"), JsonText::string(r.detail));
        dims.append(std::move(row));
    }
    JsonText structure = JsonText::array();
    for (const QString& s : diff.structure)
        structure.append(JsonText::string(s));
    JsonText root = JsonText::object();
    root.insert(QStringLiteral("summary"), std::move(summary));
    root.insert(QStringLiteral("dims"), std::move(dims));
    root.insert(QStringLiteral("structure"), std::move(structure));
    return root;
}

} // namespace ds::exported
