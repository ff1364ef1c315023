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
    // An opened exported program is compared with the spec as it is now.
    connect(this, &DocumentContext::specChanged, this, &DocumentContext::rediffArtifact);
}

DocumentContext::~DocumentContext() = default;

void DocumentContext::setInputs(PreparedInputs prepared) {
    // A reference belongs to the inputs it was opened with: other inputs drop
    // it (the same file opened again keeps it).
    const bool sameFile = hasInputFile() && prepared.session.inputs().path == inputs().path;
    replaceInputs(std::move(prepared), sameFile);
}

Status DocumentContext::addInputSet(const LoadedInputs& another) {
    if (!hasInputs())
        return Error(tr("open inputs first: a second set is compared with them"));
    session::Session more = m_session;
    const Status added = more.addInputSet(another, m_guessNaming);
    if (!added)
        return added;
    replaceInputs(prepareSession(std::move(more)), true);
    return okStatus();
}

void DocumentContext::setGuessNaming(analysis::GuessNaming naming) {
    if (naming == m_guessNaming)
        return;
    m_guessNaming = naming;
    if (inputSetCount() < 2)
        return;
    auto guessed = m_session.guessAgain(naming);
    if (guessed)
        replaceSpec(guessed.value(), naming == analysis::GuessNaming::Semantic
                                         ? tr("Name guessed dimensions by their role")
                                         : tr("Name guessed dimensions by position"));
}

void DocumentContext::replaceInputs(PreparedInputs prepared, bool keepReference) {
    emit inputsAboutToChange();
    m_undo.clear();
    // A kept reference is read again against the new inputs.
    if (keepReference && m_session.hasReference() && !prepared.session.hasReference())
        prepared.session.setReference(m_session.referenceSource());
    m_session = std::move(prepared.session);
    m_names = std::move(prepared.names);
    m_current = spec::DimRef();
    m_sharedName.clear();
    m_lastNames.clear();
    // Inputs whose caches need the layers layout (they are edited there) are
    // not previewed or exported in a layout that would drop layer state.
    const bool toLayers = m_session.layout() == caches::CacheLayout::Layers &&
                          m_outputLayout != caches::CacheLayout::Layers;
    if (toLayers)
        m_outputLayout = caches::CacheLayout::Layers;
    rebuildOutputTree();
    m_statuses.reset();
    m_findings.clear();
    m_verify.reset();
    m_exportRows.clear();
    m_pasted.reset();
    m_artifact.reset();
    m_artifactPath.clear();
    m_artifactRows.clear();
    emit inputsChanged();
    if (toLayers)
        emit outputLayoutChanged(m_outputLayout);
    emit currentDimChanged(m_current);
    emit specChanged();
    emit referenceChanged();
    emit findingsChanged();
    emit comparisonChanged({});
    m_analysisTimer.start(); // checks and comparison follow from the worker
}

QString DocumentContext::documentName() const {
    if (!hasInputs())
        return QString();
    const QString& path = inputs().path;
    const QFileInfo info(path);
    const QString name = info.fileName().isEmpty() ? path : info.fileName();
    if (inputSetCount() > 1)
        return name + QStringLiteral(" + ") +
               text::countOf(inputSetCount() - 1, tr("more set"), tr("more sets"));
    return name;
}

bool DocumentContext::hasInputFile() const {
    return hasInputs() && !inputs().path.startsWith(QLatin1Char(':')) &&
           QFileInfo(inputs().path).isFile();
}

void DocumentContext::apply(DimChanges changes, const QString& description,
                            const QString& mergeKey) {
    if (changes.empty() || !hasInputs())
        return;
    m_undo.push(new SetDimsCommand(*this, std::move(changes), description, mergeKey));
}

void DocumentContext::toggleDim(spec::DimRef ref, bool dynamic, const QString& mergeKey) {
    if (!spec().contains(ref))
        return;
    if (!dynamic && spec().dim(ref).kind == spec::DimSpec::Kind::Named)
        m_lastNames.insert(dimKey(ref), spec().dim(ref).name);
    const QString name = suggestedName(ref);
    // With a merge key, toggling back soon after merges into one step that
    // changes nothing, and the undo stack drops it: no step, nothing to redo.
    apply(toggleChanges(spec(), ref, dynamic, name, namedLookup()),
          dynamic ? tr("Make %1 dynamic").arg(name) : tr("Make dimension static"), mergeKey);
}

bool DocumentContext::renameDim(spec::DimRef ref, const QString& name, RenameScope scope) {
    if (!hasInputs() || !text::isPythonIdentifier(name))
        return false;
    apply(renameChanges(tree(), spec(), ref, name, scope, namedLookup()),
          tr("Rename to %1").arg(name),
          scope == RenameScope::ThisDimension
              ? QStringLiteral("rename:%1:%2").arg(ref.tensor).arg(ref.dim)
              : QString());
    return true;
}

void DocumentContext::setBounds(spec::DimRef ref, std::optional<qint64> min,
                                std::optional<qint64> max) {
    if (!spec().contains(ref) || spec().dim(ref).kind != spec::DimSpec::Kind::Named)
        return;
    const QString name = spec().dim(ref).name;
    apply(boundsChanges(spec(), name, min, max, namedLookup()), tr("Bounds of %1").arg(name),
          QStringLiteral("bounds:") + name);
}

QString DocumentContext::decideDims(const std::vector<spec::DimRef>& targets,
                                    const spec::DimSpec& decision) {
    if (!hasInputs() || targets.empty())
        return {};
    const QString problem = decisionProblem(tree(), spec(), targets, decision, namedLookup());
    if (!problem.isEmpty())
        return problem;
    for (const spec::DimRef& ref : targets)
        if (spec().contains(ref) && !decision.isDynamic() &&
            spec().dim(ref).kind == spec::DimSpec::Kind::Named)
            m_lastNames.insert(dimKey(ref), spec().dim(ref).name);
    const QString what =
        decision.kind == spec::DimSpec::Kind::Static ? tr("static") : decision.displayText();
    const QString description =
        targets.size() == 1
            ? tr("Make dimension %1").arg(what)
            : tr("Make %1 dimensions %2").arg(static_cast<qsizetype>(targets.size())).arg(what);
    apply(decisionChanges(spec(), targets, decision, namedLookup()), description);
    return {};
}

void DocumentContext::replaceSpec(const spec::ShapeSpec& replacement, const QString& description) {
    apply(replaceChanges(spec(), replacement), description);
}

QString DocumentContext::suggestedName(spec::DimRef ref) const {
    const QString last = m_lastNames.value(dimKey(ref));
    return last.isEmpty() ? QStringLiteral("d_%1_%2").arg(ref.tensor).arg(ref.dim) : last;
}

void DocumentContext::writeDims(const std::vector<std::pair<spec::DimRef, spec::DimSpec>>& values) {
    QVector<spec::DimRef> refs;
    refs.reserve(static_cast<qsizetype>(values.size()));
    for (const auto& [ref, decision] : values) {
        if (!spec().contains(ref))
            continue;
        m_names.update(ref, spec().dim(ref), decision);
        m_session.setDim(ref, decision);
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

QString DocumentContext::specText(spec::SpecFormat format) const {
    if (!hasInputs())
        return QString();
    return session::writeSpecIn(format, tree(), spec(), m_outputTree.get());
}

std::function<QString()> DocumentContext::specTextJob(spec::SpecFormat format) const {
    if (!hasInputs())
        return [] { return QString(); };
    return [format, tree = m_session.sharedTree(), outputTree = m_outputTree, spec = spec()] {
        return session::writeSpecIn(format, *tree, spec, outputTree.get());
    };
}

void DocumentContext::rebuildOutputTree() {
    m_outputTree.reset();
    if (hasInputs() && m_outputLayout != tree().layout())
        m_outputTree = std::make_shared<const spec::ExportTree>(tree().inputs(), m_outputLayout);
}

void DocumentContext::setReference(session::SpecSource reference) {
    m_session.setReference(std::move(reference));
    emit referenceChanged();
    recompareNow();
}

void DocumentContext::clearReference() {
    m_session.clearReference();
    emit referenceChanged();
    recompareNow();
}

void DocumentContext::recompareNow() {
    if (!hasInputs())
        return;
    m_statuses.reset();
    emit comparisonChanged(m_statuses.adopt(
        hasReference() ? m_session.compare() : analysis::SpecComparison(), spec()));
}

void DocumentContext::flushAnalysis() {
    if (!hasInputs() || (!m_analysisTimer.isActive() && !m_analysis.isPending()))
        return;
    m_analysisTimer.stop();
    applyAnalysis(m_analysis.runNow(analysisRequest()));
}

AnalysisRequest DocumentContext::analysisRequest() const {
    AnalysisRequest request{m_session.sharedTree(), spec(), std::nullopt, m_session.otherSets()};
    if (hasReference())
        request.reference = m_session.reference();
    return request;
}

void DocumentContext::analyseNow() {
    m_analysisTimer.stop();
    if (hasInputs())
        m_analysis.request(analysisRequest());
}

void DocumentContext::applyAnalysis(const AnalysisResult& result) {
    if (!hasInputs())
        return;
    m_findings = result.findings;
    if (result.comparison && hasReference())
        emit comparisonChanged(m_statuses.adopt(*result.comparison, spec()));
    emit findingsChanged();
}

namespace {

QVector<spec::DimRef> everyDim(const spec::ShapeSpec& spec) {
    QVector<spec::DimRef> refs;
    for (int t = 0; t < spec.tensorCount(); ++t)
        for (int d = 0; d < spec.rank(t); ++d)
            refs.push_back({t, d});
    return refs;
}

DimChanges changesOf(const verdict::VerdictOutcome& outcome) {
    DimChanges changes;
    for (const verdict::VerdictChange& c : outcome.changes)
        changes.push_back({c.ref, c.before, c.after});
    return changes;
}

} // namespace

void DocumentContext::setVerifyReport(runner::VerifyReport report) {
    if (!hasInputs())
        return;
    m_verify = std::move(report);
    m_artifact.reset();
    m_artifactRows.clear();
    m_exportRows.clear();
    for (size_t i = 0; i < m_verify->diff.dims.size(); ++i)
        m_exportRows.insert(dimKey(m_verify->diff.dims[i].ref), static_cast<int>(i));
    m_pasted.reset();
    emit verifyChanged();
    emit dimsChanged(everyDim(spec()));
}

void DocumentContext::setExportedArtifact(exported::ExportedShapes shapes, const QString& path) {
    if (!hasInputs())
        return;
    m_artifact = std::move(shapes);
    m_artifactPath = path;
    m_verify.reset();
    m_exportRows.clear();
    m_pasted.reset();
    rediffArtifact();
}

void DocumentContext::rediffArtifact() {
    if (!m_artifact || !hasInputs())
        return;
    m_artifactDiff = exported::diffExport(tree(), spec(), *m_artifact);
    m_artifactRows.clear();
    for (size_t i = 0; i < m_artifactDiff.dims.size(); ++i)
        m_artifactRows.insert(dimKey(m_artifactDiff.dims[i].ref), static_cast<int>(i));
    emit verifyChanged();
    emit dimsChanged(everyDim(spec()));
}

void DocumentContext::clearVerifyReport() {
    if (!m_verify && !m_pasted && !m_artifact)
        return;
    m_artifact.reset();
    m_artifactPath.clear();
    m_artifactRows.clear();
    m_verify.reset();
    m_exportRows.clear();
    m_pasted.reset();
    emit verifyChanged();
    if (hasInputs())
        emit dimsChanged(everyDim(spec()));
}

const exported::DimOutcomeRow* DocumentContext::exportOutcome(spec::DimRef ref) const {
    if (m_artifact) {
        const auto it = m_artifactRows.constFind(dimKey(ref));
        return it == m_artifactRows.constEnd() ? nullptr
                                               : &m_artifactDiff.dims[static_cast<size_t>(*it)];
    }
    if (!m_verify || !m_verify->exported)
        return nullptr;
    const auto it = m_exportRows.constFind(dimKey(ref));
    return it == m_exportRows.constEnd() ? nullptr : &m_verify->diff.dims[static_cast<size_t>(*it)];
}

bool DocumentContext::hasVerifyFixes() const {
    return m_verify && hasInputs() && m_verify->finalSpec.tensorCount() == spec().tensorCount() &&
           m_verify->finalSpec != spec();
}

void DocumentContext::applyVerifyFixes() {
    if (!hasVerifyFixes())
        return;
    apply(replaceChanges(spec(), m_verify->finalSpec), tr("Apply torch's suggested fixes"));
}

verdict::VerdictOutcome DocumentContext::applyTorchError(const QString& text) {
    if (!hasInputs())
        return {};
    verdict::VerdictOutcome outcome =
        verdict::applyVerdict(tree(), spec(), verdict::parseTorchError(text));
    apply(changesOf(outcome), tr("Apply the export error's fixes"));
    m_pasted = outcome;
    emit verifyChanged();
    return outcome;
}

void DocumentContext::setCurrentDim(spec::DimRef ref) {
    if (!spec().contains(ref))
        ref = spec::DimRef();
    if (ref == m_current)
        return;
    m_current = ref;
    emit currentDimChanged(ref);
    updateSharedName();
}

void DocumentContext::revealDim(spec::DimRef ref) {
    if (!spec().contains(ref))
        return;
    setCurrentDim(ref);
    emit dimRevealRequested(ref);
}

QString DocumentContext::sharedName() const {
    return m_sharedName;
}

void DocumentContext::updateSharedName() {
    QString name;
    if (spec().contains(m_current)) {
        const spec::DimSpec& s = spec().dim(m_current);
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
