#include "SpecGuess.h"

#include "InputSetMerge.h"
#include "SemanticNames.h"

#include <memory>

namespace ds::analysis {

namespace {

bool isInCache(const spec::ExportNode& node) {
    for (const spec::ExportNode* n = node.parent; n; n = n->parent)
        if (!n->cacheClass.isEmpty())
            return true;
    return false;
}

// A dimension is dynamic when the sets that have it disagree on its size, or
// all give 0 (torch specialises 0, so a 0 everywhere can only mean "varies").
bool guessedDynamic(const std::vector<qint64>& sizes) {
    bool allZero = true, differ = false;
    qint64 first = -1;
    for (qint64 s : sizes) {
        if (s < 0)
            continue; // the set lacks this tensor
        if (first < 0)
            first = s;
        differ |= s != first;
        allZero &= s == 0;
    }
    return first >= 0 && (differ || allZero);
}

} // namespace

QString guessNamingName(GuessNaming naming) {
    return naming == GuessNaming::Position ? QStringLiteral("position")
                                           : QStringLiteral("semantic");
}

std::optional<GuessNaming> guessNamingFromName(const QString& name) {
    if (name == QLatin1String("position"))
        return GuessNaming::Position;
    if (name == QLatin1String("semantic"))
        return GuessNaming::Semantic;
    return std::nullopt;
}

Result<GuessedSpec> guessSpec(const std::vector<InputSet>& sets, caches::CacheLayout layout,
                              GuessNaming naming) {
    if (sets.empty())
        return Error(QStringLiteral("guessing needs at least one input set"));
    std::vector<std::unique_ptr<spec::ExportTree>> trees;
    std::vector<const spec::ExportTree*> treeViews;
    std::vector<InputValue::Ptr> roots;
    for (const InputSet& set : sets) {
        trees.push_back(std::make_unique<spec::ExportTree>(set.root, layout));
        treeViews.push_back(trees.back().get());
        roots.push_back(set.root);
    }
    if (auto agree = checkSetsAgree(treeViews, sets); !agree)
        return agree.error();

    GuessedSpec guessed;
    guessed.inputs = mergeInputSets(roots);
    const spec::ExportTree merged(guessed.inputs, layout);
    guessed.spec = spec::ShapeSpec(merged);

    std::vector<spec::DimRef> dynamic;
    std::vector<GuessedDim> described;
    for (int t = 0; t < merged.tensorCount(); ++t) {
        const spec::ExportNode& node = *merged.tensorNode(t);
        std::vector<const spec::ExportNode*> inSets;
        for (const auto& tree : trees)
            inSets.push_back(counterpart(*tree, node));
        for (int d = 0; d < node.tensor().rank(); ++d) {
            std::vector<qint64> sizes;
            for (const spec::ExportNode* n : inSets)
                sizes.push_back(n && n->kind == spec::ExportNode::Kind::Tensor
                                    ? n->tensor().shape[static_cast<size_t>(d)]
                                    : -1);
            if (!guessedDynamic(sizes))
                continue;
            dynamic.push_back({t, d});
            described.push_back({d, node.tensor().rank(), isInCache(node), sizes});
        }
    }
    const QStringList semantic =
        naming == GuessNaming::Semantic ? semanticNames(described) : QStringList();
    for (size_t i = 0; i < dynamic.size(); ++i) {
        const spec::DimRef ref = dynamic[i];
        const QString name = naming == GuessNaming::Semantic
                                 ? semantic[static_cast<int>(i)]
                                 : QStringLiteral("d_%1_%2").arg(ref.tensor).arg(ref.dim);
        guessed.spec.setDim(ref, spec::DimSpec::named(name));
    }
    return guessed;
}

} // namespace ds::analysis
