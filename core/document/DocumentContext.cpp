#include "DocumentContext.h"
#include "text/Plural.h"

#include "SetDimsCommand.h"
#include "spec/LayoutRemap.h"
#include "text/PyValue.h"

#include <QFileInfo>

namespace ds::document {

namespace {

// Edits arrive one by one; comparing and checking after a short pause keeps
// a toggle fast on inputs with many thousand tensors.
constexpr int kAnalysisDelayMs = 40;

quint64 dimKey(spec::DimRef ref) {
    return (static_cast<quint64>(static_cast<quint32>(ref.tensor)) << 32) |
           static_cast<quint32>(ref.dim);
}

} // namespace

DocumentContext::DocumentContext(QObject* parent) : QObject(parent) {
    m_analysisTimer.setSingleShot(true);
    m_analysisTimer.setInterval(kAnalysisDelayMs);
    connect(&m_analysisTimer, &QTimer::timeout, this, &DocumentContext::analyseNow);
    connect(&m_analysis, &BackgroundAnalysis::finished, this, &DocumentContext::applyAnalysis);
    connect(&m_undo, &QUndoStack::cleanChanged, this,
            [this](bool clean) { emit modifiedChanged(!clean); });
}

DocumentContext::~DocumentContext() = default;

void DocumentContext::setInputs(PreparedInputs prepared) {
    m_inputSets.clear();
    m_inputSets.push_back(analysis::InputSet{prepared.loaded.root, prepared.loaded.path});
    replaceInputs(std::move(prepared));
}

Status DocumentContext::addInputSet(const LoadedInputs& another) {
    if (!m_tree)
        return Error(tr("open inputs first: a second set is compared with them"));
    std::vector<analysis::InputSet> sets = m_inputSets;
    sets.push_back(analysis::InputSet{another.root, another.path});
    auto guessed = guessSpec(sets, kEditingLayout);
    if (!guessed)
        return guessed.error();
    PreparedInputs prepared;
    prepared.loaded = m_inputs;
    prepared.loaded.root = guessed.value().inputs;
    prepared.loaded.warnings += another.warnings;
    prepared.tree = std::make_shared<spec::ExportTree>(prepared.loaded.root, kEditingLayout);
    prepared.spec = guessed.value().spec;
    prepared.names = DimNameIndex(prepared.spec);
    m_inputSets = std::move(sets);
    replaceInputs(std::move(prepared));
    return okStatus();
}

void DocumentContext::replaceInputs(PreparedInputs prepared) {
    emit inputsAboutToChange();
    m_undo.clear();
    m_inputs = std::move(prepared.loaded);
    m_tree = std::move(prepared.tree);
    m_spec = std::move(prepared.spec);
    m_names = std::move(prepared.names);
    m_current = spec::DimRef();
    m_sharedName.clear();
    m_lastNames.clear();
    rebuildOutputTree();
    m_reference.realign(*m_tree);
    m_findings.clear();
    emit inputsChanged();
    emit currentDimChanged(m_current);
    emit specChanged();
    emit referenceChanged();
    emit findingsChanged();
    emit comparisonChanged({});
    m_analysisTimer.start(); // checks and comparison follow from the worker
}

QString DocumentContext::documentName() const {
    if (!m_tree)
        return QString();
    const QFileInfo info(m_inputs.path);
    const QString name = info.fileName().isEmpty() ? m_inputs.path : info.fileName();
    if (m_inputSets.size() > 1)
        return name + QStringLiteral(" + ") +
               text::countOf(static_cast<int>(m_inputSets.size()) - 1, tr("more set"),
                             tr("more sets"));
    return name;
}

bool DocumentContext::hasInputFile() const {
    return m_tree && !m_inputs.path.startsWith(QLatin1Char(':')) &&
           QFileInfo(m_inputs.path).isFile();
}

void DocumentContext::apply(DimChanges changes, const QString& description,
                            const QString& mergeKey) {
    if (changes.empty() || !m_tree)
        return;
    m_undo.push(new SetDimsCommand(*this, std::move(changes), description, mergeKey));
}

void DocumentContext::toggleDim(spec::DimRef ref, bool dynamic) {
    if (!m_spec.contains(ref))
        return;
    if (!dynamic && m_spec.dim(ref).kind == spec::DimSpec::Kind::Named)
        m_lastNames.insert(dimKey(ref), m_spec.dim(ref).name);
    const QString name = suggestedName(ref);
    apply(toggleChanges(m_spec, ref, dynamic, name, namedLookup()),
          dynamic ? tr("Make %1 dynamic").arg(name) : tr("Make dimension static"));
}

bool DocumentContext::renameDim(spec::DimRef ref, const QString& name, RenameScope scope) {
    if (!m_tree || !text::isPythonIdentifier(name))
        return false;
    apply(renameChanges(*m_tree, m_spec, ref, name, scope, namedLookup()),
          tr("Rename to %1").arg(name),
          scope == RenameScope::ThisDimension
              ? QStringLiteral("rename:%1:%2").arg(ref.tensor).arg(ref.dim)
              : QString());
    return true;
}

void DocumentContext::setBounds(spec::DimRef ref, std::optional<qint64> min,
                                std::optional<qint64> max) {
    if (!m_spec.contains(ref) || m_spec.dim(ref).kind != spec::DimSpec::Kind::Named)
        return;
    const QString name = m_spec.dim(ref).name;
    apply(boundsChanges(m_spec, name, min, max, namedLookup()), tr("Bounds of %1").arg(name),
          QStringLiteral("bounds:") + name);
}

void DocumentContext::replaceSpec(const spec::ShapeSpec& spec, const QString& description) {
    apply(replaceChanges(m_spec, spec), description);
}

QString DocumentContext::suggestedName(spec::DimRef ref) const {
    const QString last = m_lastNames.value(dimKey(ref));
    return last.isEmpty() ? QStringLiteral("d_%1_%2").arg(ref.tensor).arg(ref.dim) : last;
}

void DocumentContext::writeDims(const std::vector<std::pair<spec::DimRef, spec::DimSpec>>& values) {
    QVector<spec::DimRef> refs;
    refs.reserve(static_cast<qsizetype>(values.size()));
    for (const auto& [ref, spec] : values) {
        if (!m_spec.contains(ref))
            continue;
        m_names.update(ref, m_spec.dim(ref), spec);
        m_spec.setDim(ref, spec);
        refs.push_back(ref);
    }
    emit dimsChanged(refs);
    updateSharedName();
    emit specChanged();
    m_analysisTimer.start();
}

void DocumentContext::setOutputLayout(caches::CacheLayout layout) {
    if (layout == m_outputLayout)
        return;
    m_outputLayout = layout;
    rebuildOutputTree();
    emit outputLayoutChanged(layout);
    emit specChanged();
}

namespace {

QString writeInLayout(spec::SpecFormat format, const spec::ExportTree& tree,
                      const spec::ShapeSpec& spec, const spec::ExportTree* outputTree) {
    if (!outputTree)
        return writeSpec(format, tree, spec);
    return writeSpec(format, *outputTree, remapSpec(tree, spec, *outputTree));
}

} // namespace

QString DocumentContext::specText(spec::SpecFormat format) const {
    if (!m_tree)
        return QString();
    return writeInLayout(format, *m_tree, m_spec, m_outputTree.get());
}

std::function<QString()> DocumentContext::specTextJob(spec::SpecFormat format) const {
    if (!m_tree)
        return [] { return QString(); };
    return [format, tree = m_tree, outputTree = m_outputTree, spec = m_spec] {
        return writeInLayout(format, *tree, spec, outputTree.get());
    };
}

void DocumentContext::rebuildOutputTree() {
    m_outputTree.reset();
    if (m_tree && m_outputLayout != m_tree->layout())
        m_outputTree = std::make_shared<const spec::ExportTree>(m_tree->inputs(), m_outputLayout);
}

void DocumentContext::setReference(session::SpecSourceText reference) {
    m_reference.set(m_tree.get(), std::move(reference));
    emit referenceChanged();
    if (m_tree)
        emit comparisonChanged(m_reference.recompute(*m_tree, m_spec));
}

void DocumentContext::clearReference() {
    m_reference.clear();
    emit referenceChanged();
    if (m_tree)
        emit comparisonChanged(m_reference.recompute(*m_tree, m_spec));
}

void DocumentContext::flushAnalysis() {
    if (!m_tree || (!m_analysisTimer.isActive() && !m_analysis.isPending()))
        return;
    m_analysisTimer.stop();
    applyAnalysis(m_analysis.runNow(analysisRequest()));
}

AnalysisRequest DocumentContext::analysisRequest() const {
    AnalysisRequest request{m_tree, m_spec, std::nullopt};
    if (m_reference.isSet())
        request.reference = m_reference.aligned();
    return request;
}

void DocumentContext::analyseNow() {
    m_analysisTimer.stop();
    if (m_tree)
        m_analysis.request(analysisRequest());
}

void DocumentContext::applyAnalysis(const AnalysisResult& result) {
    if (!m_tree)
        return;
    m_findings = result.findings;
    if (result.comparison && m_reference.isSet())
        emit comparisonChanged(m_reference.adopt(*result.comparison, m_spec));
    emit findingsChanged();
}

void DocumentContext::setCurrentDim(spec::DimRef ref) {
    if (!m_spec.contains(ref))
        ref = spec::DimRef();
    if (ref == m_current)
        return;
    m_current = ref;
    emit currentDimChanged(ref);
    updateSharedName();
}

void DocumentContext::revealDim(spec::DimRef ref) {
    if (!m_spec.contains(ref))
        return;
    setCurrentDim(ref);
    emit dimRevealRequested(ref);
}

QString DocumentContext::sharedName() const {
    return m_sharedName;
}

void DocumentContext::updateSharedName() {
    QString name;
    if (m_spec.contains(m_current)) {
        const spec::DimSpec& s = m_spec.dim(m_current);
        if (s.kind == spec::DimSpec::Kind::Named || s.kind == spec::DimSpec::Kind::Derived)
            name = s.name;
    }
    if (name == m_sharedName)
        return;
    const QString previous = m_sharedName;
    m_sharedName = name;
    emit sharedNameChanged(previous, name);
}

} // namespace ds::document
