#pragma once

#include "BackgroundAnalysis.h"
#include "ComparisonStatuses.h"
#include "DimEdits.h"
#include "PreparedInputs.h"
#include "runner/VerifyLoop.h"

#include <QHash>
#include <QObject>
#include <QTimer>
#include <QUndoStack>
#include <QVector>

#include <functional>
#include <memory>

namespace ds::document {

// The one document every panel reacts to: a session (the inputs and their
// export tree, the spec, the reference; the same core the command line uses)
// plus the undo stack every edit goes through, the selection, the results of
// the checks and the comparison computed off the GUI thread, and signals.
// Panels never talk to each other; they read from and write to this context
// and listen to its signals.
class DocumentContext : public QObject {
    Q_OBJECT
public:
    explicit DocumentContext(QObject* parent = nullptr);
    ~DocumentContext() override;

    // --- inputs
    // New inputs: new tree and spec, an empty history; a reference stays and is realigned.
    void setInputs(PreparedInputs prepared);
    bool hasInputs() const { return m_session.hasInputs(); }
    const session::Session& session() const { return m_session; }
    const LoadedInputs& inputs() const { return m_session.inputs(); }
    const spec::ExportTree& tree() const { return m_session.tree(); }
    const spec::ShapeSpec& spec() const { return m_session.spec(); }
    // "seed_static_cache_v449.pt", "clipboard", ...; empty without inputs.
    QString documentName() const;
    // A file the user can reopen (not the clipboard, not the bundled example).
    bool hasInputFile() const;
    // Another example of the same inputs: the spec becomes the guess from all
    // sets (a dimension whose size differs between sets is dynamic). The
    // history starts again, as with new inputs.
    Status addInputSet(const LoadedInputs& another);
    int inputSetCount() const { return m_session.inputSetCount(); }
    // How dimensions guessed from several sets are named (d_i_j, or batch /
    // seq / cache as `dimstudio guess --names semantic`). With two sets or
    // more the spec is guessed again under the new names: one undo step.
    analysis::GuessNaming guessNaming() const { return m_guessNaming; }
    void setGuessNaming(analysis::GuessNaming naming);

    // --- edits: each one is a step on the undo stack
    QUndoStack& undoStack() { return m_undo; }
    bool isModified() const { return !m_undo.isClean(); }
    void apply(DimChanges changes, const QString& description, const QString& mergeKey = {});
    // `mergeKey`: a toggle back with the same key soon after merges into no
    // undo step (a chip's double click takes its first click back).
    void toggleDim(spec::DimRef ref, bool dynamic, const QString& mergeKey = {});
    // False (and nothing changes) when `name` is not a Python identifier.
    bool renameDim(spec::DimRef ref, const QString& name, RenameScope scope);
    void setBounds(spec::DimRef ref, std::optional<qint64> min, std::optional<qint64> max);
    // The dimension editor's edit (and every bulk toggle): `decision` for all
    // `targets`, one undo step. Returns decisionProblem()'s sentence, and
    // changes nothing, when the decision does not fit.
    QString decideDims(const std::vector<spec::DimRef>& targets, const spec::DimSpec& decision);
    void replaceSpec(const spec::ShapeSpec& spec, const QString& description);
    // Every dimension carrying `name`, in flattening order (from an index, not a scan).
    std::vector<spec::DimRef> dimsNamed(const QString& name) const {
        return m_names.dimsNamed(name);
    }
    DimsNamed namedLookup() const { return namesFrom(m_names); }
    // The name a dimension gets when it becomes dynamic: its last name in this session, else d_i_j.
    QString suggestedName(spec::DimRef ref) const;
    // For SetDimsCommand only: writes decisions and tells the views.
    void writeDims(const std::vector<std::pair<spec::DimRef, spec::DimSpec>>& values);

    // --- output
    caches::CacheLayout outputLayout() const { return m_outputLayout; }
    void setOutputLayout(caches::CacheLayout layout);
    // The spec as text in the output layout (what the preview shows and export writes).
    QString specText(spec::SpecFormat format) const;
    // specText of the document as it is now, to run later on any thread: it
    // holds the trees and a copy of the spec, so that writing 100,000
    // tensors' text need not hold up the window.
    std::function<QString()> specTextJob(spec::SpecFormat format) const;

    // --- reference
    void setReference(session::SpecSource reference);
    void clearReference();
    bool hasReference() const { return m_session.hasReference(); }
    // The latest comparison with the reference (empty without one).
    const analysis::SpecComparison& comparison() const { return m_statuses.comparison(); }
    analysis::DimStatus statusOf(spec::DimRef ref) const { return m_statuses.statusOf(ref); }
    // Compares and checks now instead of after the short delay edits wait for.
    void flushAnalysis();

    // --- checks of the current spec (formats.md §3 rules), refreshed with the comparison
    const std::vector<analysis::CheckFinding>& findings() const { return m_findings; }

    // --- what torch.export made of the spec (Verify) and what it said (a pasted error)
    // A verify's report: each dimension's outcome is shown; rounds refused
    // leave their fixes to apply. Dropped with new inputs.
    void setVerifyReport(runner::VerifyReport report);
    void clearVerifyReport();
    const runner::VerifyReport* verifyReport() const { return m_verify ? &*m_verify : nullptr; }
    // A saved exported program opened beside the inputs (dimstudio diff in
    // the window): each dimension's outcome against the spec as it is now,
    // recomputed at each edit. Replaces a verify's report and is replaced by
    // the next verify; dropped with new inputs.
    void setExportedArtifact(exported::ExportedShapes shapes, const QString& path);
    const exported::ExportDiff* artifactDiff() const {
        return m_artifact ? &m_artifactDiff : nullptr;
    }
    const QString& artifactPath() const { return m_artifactPath; }
    // What export made of `ref`: in the opened exported program, else in the
    // last verify that exported; nullptr otherwise.
    const exported::DimOutcomeRow* exportOutcome(spec::DimRef ref) const;
    // The verify's final spec (torch's fixes applied) differs from the spec.
    bool hasVerifyFixes() const;
    // Those fixes as one undo step.
    void applyVerifyFixes();
    // A torch.export error text (any torch 2.3-2.14): its fixes applied to
    // the spec as one undo step; the outcome says per dimension what changed
    // and why, and lists what could not be applied.
    verdict::VerdictOutcome applyTorchError(const QString& text);
    const std::optional<verdict::VerdictOutcome>& pastedVerdict() const { return m_pasted; }

    // --- selection
    spec::DimRef currentDim() const { return m_current; } // tensor -1: none
    void setCurrentDim(spec::DimRef ref);
    // Selects a dimension and asks the views to show it (expand, scroll): what
    // a click in the comparison or checks list does.
    void revealDim(spec::DimRef ref);
    // The name the selected dimension carries (dims sharing it are highlighted); empty if none.
    QString sharedName() const;

signals:
    void inputsAboutToChange();
    void inputsChanged();
    void dimsChanged(const QVector<spec::DimRef>& refs);
    void specChanged(); // after any spec change, including new inputs
    void referenceChanged();
    void comparisonChanged(const QVector<spec::DimRef>& statusChanged);
    void findingsChanged();
    void currentDimChanged(spec::DimRef current);
    void dimRevealRequested(spec::DimRef ref);
    void sharedNameChanged(const QString& previous, const QString& current);
    void outputLayoutChanged(caches::CacheLayout layout);
    void modifiedChanged(bool modified);
    void verifyChanged(); // a new report, a pasted verdict, or neither any more

private:
    void analyseNow();
    AnalysisRequest analysisRequest() const;
    void applyAnalysis(const AnalysisResult& result);
    void replaceInputs(PreparedInputs prepared, bool keepReference);
    void updateSharedName();
    void rebuildOutputTree();

    void recompareNow();

    session::Session m_session;
    // Null when the output layout is the editing one; shared with specTextJob snapshots.
    std::shared_ptr<const spec::ExportTree> m_outputTree;
    DimNameIndex m_names;
    QUndoStack m_undo;
    caches::CacheLayout m_outputLayout = kEditingLayout;
    analysis::GuessNaming m_guessNaming = analysis::GuessNaming::Position;
    ComparisonStatuses m_statuses;
    QTimer m_analysisTimer;
    BackgroundAnalysis m_analysis;
    std::vector<analysis::CheckFinding> m_findings;
    spec::DimRef m_current;
    QString m_sharedName;
    QHash<quint64, QString> m_lastNames; // names of dims toggled static, to restore them
    std::optional<runner::VerifyReport> m_verify;
    QHash<quint64, int> m_exportRows; // dim -> row of m_verify->diff
    std::optional<verdict::VerdictOutcome> m_pasted;
    std::optional<exported::ExportedShapes> m_artifact;
    QString m_artifactPath;
    exported::ExportDiff m_artifactDiff;
    QHash<quint64, int> m_artifactRows; // dim -> row of m_artifactDiff
    void rediffArtifact();
};

} // namespace ds::document
