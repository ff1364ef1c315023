#include "Session.h"

#include "spec/LayoutRemap.h"

namespace ds::session {

namespace {

// `other` describes the same tensors as `tree` (count and ranks), so that
// checks can read its sizes by position.
bool sameTensors(const spec::ExportTree& tree, const spec::ExportTree& other) {
    if (tree.tensorCount() != other.tensorCount())
        return false;
    for (int t = 0; t < tree.tensorCount(); ++t)
        if (tree.tensorNode(t)->tensor().rank() != other.tensorNode(t)->tensor().rank())
            return false;
    return true;
}

} // namespace

Session::Session(LoadedInputs inputs, caches::CacheLayout layout)
    : m_inputs(std::move(inputs)), m_layout(layout) {
    m_sets.push_back({m_inputs.root, m_inputs.path});
    auto tree = std::make_shared<spec::ExportTree>(m_inputs.root, layout);
    m_spec = spec::ShapeSpec::allDynamic(*tree);
    m_tree = std::move(tree);
}

Session Session::open(LoadedInputs inputs, std::optional<caches::CacheLayout> layout,
                      const SpecSource* spec) {
    const caches::CacheLayout first =
        layout.value_or(spec && spec->text.savedLayout ? *spec->text.savedLayout
                                                       : caches::CacheLayout::Transformers);
    Session session(std::move(inputs), first);
    if (!layout && spec) {
        const caches::CacheLayout written = session.read(*spec).writtenIn;
        if (written != first)
            return Session(std::move(session.m_inputs), written);
    }
    return session;
}

Result<Session> Session::guess(std::vector<LoadedInputs> sets, caches::CacheLayout layout,
                               analysis::GuessNaming naming) {
    if (sets.empty())
        return Error(QStringLiteral("no input sets to guess from"));
    std::vector<analysis::InputSet> inputSets;
    for (const LoadedInputs& set : sets)
        inputSets.push_back({set.root, set.path});
    auto guessed = analysis::guessSpec(inputSets, layout, naming);
    if (!guessed)
        return guessed.error();
    Session session;
    session.m_inputs = std::move(sets.front());
    session.m_inputs.root = guessed.value().inputs;
    for (size_t i = 1; i < sets.size(); ++i)
        session.m_inputs.warnings += sets[i].warnings;
    session.m_sets = std::move(inputSets);
    session.m_layout = layout;
    session.m_tree = std::make_shared<spec::ExportTree>(session.m_inputs.root, layout);
    session.m_spec = std::move(guessed.value().spec);
    for (size_t i = 1; i < session.m_sets.size(); ++i) {
        auto other = std::make_shared<const spec::ExportTree>(session.m_sets[i].root, layout);
        if (sameTensors(*session.m_tree, *other))
            session.m_otherTrees.push_back(std::move(other));
    }
    return session;
}

void Session::setSpec(spec::ShapeSpec spec) {
    m_spec = std::move(spec);
    m_specReading.reset();
}

void Session::setDim(spec::DimRef ref, const spec::DimSpec& dim) {
    m_spec.setDim(ref, dim);
    m_specReading.reset();
}

SpecReading Session::read(const SpecSource& source, analysis::ReferenceFormat format) const {
    return readSpec(*m_tree, source.text, format);
}

Status Session::useSpec(const SpecSource& source, bool strict) {
    SpecReading reading = read(source);
    if (strict)
        if (auto error = structureError(reading, source.origin))
            return *error;
    m_spec = reading.aligned.spec;
    m_specReading = std::move(reading);
    return okStatus();
}

Status Session::addInputSet(const LoadedInputs& another, analysis::GuessNaming naming) {
    if (!m_tree)
        return Error(QStringLiteral("open inputs first: a second set is compared with them"));
    std::vector<analysis::InputSet> sets = m_sets;
    sets.push_back({another.root, another.path});
    auto guessed = analysis::guessSpec(sets, m_layout, naming);
    if (!guessed)
        return guessed.error();
    m_sets = std::move(sets);
    m_inputs.root = guessed.value().inputs;
    m_inputs.warnings += another.warnings;
    m_tree = std::make_shared<spec::ExportTree>(m_inputs.root, m_layout);
    m_spec = std::move(guessed.value().spec);
    m_specReading.reset();
    m_otherTrees.clear();
    for (size_t i = 1; i < m_sets.size(); ++i) {
        auto other = std::make_shared<const spec::ExportTree>(m_sets[i].root, m_layout);
        if (sameTensors(*m_tree, *other))
            m_otherTrees.push_back(std::move(other));
    }
    realignReference();
    return okStatus();
}

Result<spec::ShapeSpec> Session::guessAgain(analysis::GuessNaming naming) const {
    if (m_sets.size() < 2)
        return Error(QStringLiteral("one input set: nothing is guessed, add another set first"));
    auto guessed = analysis::guessSpec(m_sets, m_layout, naming);
    if (!guessed)
        return guessed.error();
    return std::move(guessed.value().spec);
}

Status Session::addOtherSet(const LoadedInputs& another) {
    if (!m_tree)
        return Error(QStringLiteral("open inputs first: another set is compared with them"));
    auto tree = std::make_shared<const spec::ExportTree>(another.root, m_layout);
    if (!sameTensors(*m_tree, *tree))
        return Error(QStringLiteral("not the same inputs as %1: %2 tensors there, %3 here (or "
                                    "other ranks)")
                         .arg(m_inputs.path)
                         .arg(m_tree->tensorCount())
                         .arg(tree->tensorCount()),
                     QString(), another.path);
    m_sets.push_back({another.root, another.path});
    m_otherTrees.push_back(std::move(tree));
    return okStatus();
}

void Session::setReference(SpecSource reference, analysis::ReferenceFormat format) {
    m_referenceSource = std::move(reference);
    m_referenceFormat = format;
    realignReference();
}

void Session::clearReference() {
    m_referenceSource.reset();
    m_reference.reset();
}

void Session::realignReference() {
    m_reference.reset();
    if (m_referenceSource && m_tree)
        m_reference = read(*m_referenceSource, m_referenceFormat);
}

std::vector<analysis::CheckFinding> Session::check() const {
    return runChecks(*m_tree, m_spec, m_specReading ? &*m_specReading : nullptr, m_otherTrees);
}

analysis::SpecComparison Session::compare() const {
    return compareWithReference(*m_tree, m_spec, *m_reference);
}

QString Session::specText(spec::SpecFormat format,
                          std::optional<caches::CacheLayout> layout) const {
    if (!m_tree)
        return QString();
    if (!layout || *layout == m_layout)
        return spec::writeSpec(format, *m_tree, m_spec);
    const spec::ExportTree other(m_inputs.root, *layout);
    return writeSpecIn(format, *m_tree, m_spec, &other);
}

Session inLayout(const Session& session, caches::CacheLayout layout) {
    if (!session.hasInputs() || session.layout() == layout)
        return session;
    Session other(session.inputs(), layout);
    other.setSpec(spec::remapSpec(session.tree(), session.spec(), other.tree()));
    return other;
}

QString writeSpecIn(spec::SpecFormat format, const spec::ExportTree& tree,
                    const spec::ShapeSpec& spec, const spec::ExportTree* layoutTree) {
    if (!layoutTree || layoutTree->layout() == tree.layout())
        return spec::writeSpec(format, tree, spec);
    return spec::writeSpec(format, *layoutTree, spec::remapSpec(tree, spec, *layoutTree));
}

} // namespace ds::session
