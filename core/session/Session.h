#pragma once

#include "LoadedInputs.h"
#include "SessionAnalysis.h"
#include "analysis/SpecGuess.h"
#include "spec/SpecWriters.h"

#include <memory>

namespace ds::session {

// What DimStudio works on, for a command and for the app alike: the inputs
// (one or several sets of one model) and their export tree in one cache
// layout, the spec, the spec text it was read from if any, and the
// reference. Every command of the command line is options, a session and
// printing; the app's document is a session plus undo, selection and signals.
class Session {
public:
    Session() = default;
    // The inputs with every dimension dynamic (all_dynamic_shapes_from_inputs).
    Session(LoadedInputs inputs, caches::CacheLayout layout);
    // The same, in the layout `spec` implies when `layout` is not given: the
    // one it was saved in or is written in; transformers when it says nothing.
    static Session open(LoadedInputs inputs, std::optional<caches::CacheLayout> layout,
                        const SpecSource* spec);
    // Several input sets of one model: the spec is the guess from all of them
    // (a dimension whose size differs between sets is dynamic). Errors name
    // the set that disagrees and the place.
    static Result<Session> guess(std::vector<LoadedInputs> sets, caches::CacheLayout layout,
                                 analysis::GuessNaming naming);

    bool hasInputs() const { return m_tree != nullptr; }
    const LoadedInputs& inputs() const { return m_inputs; }
    const spec::ExportTree& tree() const { return *m_tree; }
    const std::shared_ptr<const spec::ExportTree>& sharedTree() const { return m_tree; }
    caches::CacheLayout layout() const { return m_layout; }
    int inputSetCount() const { return static_cast<int>(m_sets.size()); }

    // --- the spec
    const spec::ShapeSpec& spec() const { return m_spec; }
    // Writes decisions (the app does it through its undo stack); forgets the
    // text the spec was read from.
    void setSpec(spec::ShapeSpec spec);
    void setDim(spec::DimRef ref, const spec::DimSpec& dim);
    // Reads a spec against the inputs (readSpec).
    SpecReading read(const SpecSource& source,
                     analysis::ReferenceFormat format = analysis::ReferenceFormat::Auto) const;
    // Takes a spec as read: its decisions become the spec, and the checks
    // report what reading it found. With `strict`, structure problems are an
    // error naming the spec and nothing changes.
    Status useSpec(const SpecSource& source, bool strict);
    // Another input set: the spec becomes the guess from all sets so far.
    Status addInputSet(const LoadedInputs& another,
                       analysis::GuessNaming naming = analysis::GuessNaming::Position);
    // The guess from the input sets so far under other names (two sets or more).
    Result<spec::ShapeSpec> guessAgain(analysis::GuessNaming naming) const;
    // Another example set of the same inputs for the checks only (sizes seen
    // in every set); the spec stays. An error names the file when its
    // structure differs.
    Status addOtherSet(const LoadedInputs& another);
    // The other sets as trees in the session's layout, for the checks.
    const std::vector<std::shared_ptr<const spec::ExportTree>>& otherSets() const {
        return m_otherTrees;
    }

    // --- the reference
    void setReference(SpecSource reference,
                      analysis::ReferenceFormat format = analysis::ReferenceFormat::Auto);
    void clearReference();
    bool hasReference() const { return m_reference.has_value(); }
    const SpecSource& referenceSource() const { return *m_referenceSource; }
    const SpecReading& reference() const { return *m_reference; }

    // --- results
    std::vector<analysis::CheckFinding> check() const;
    // Needs a reference.
    analysis::SpecComparison compare() const;
    // The spec as text; in `layout` when given, else in the session's.
    QString specText(spec::SpecFormat format,
                     std::optional<caches::CacheLayout> layout = std::nullopt) const;

private:
    void realignReference();

    LoadedInputs m_inputs;
    std::vector<analysis::InputSet> m_sets;
    std::vector<std::shared_ptr<const spec::ExportTree>> m_otherTrees;
    caches::CacheLayout m_layout = caches::CacheLayout::Transformers;
    std::shared_ptr<const spec::ExportTree> m_tree;
    spec::ShapeSpec m_spec;
    std::optional<SpecReading> m_specReading; // while the spec is as read from text
    std::optional<SpecSource> m_referenceSource;
    std::optional<SpecReading> m_reference;
    analysis::ReferenceFormat m_referenceFormat = analysis::ReferenceFormat::Auto;
};

// The same inputs and spec on a tree in `layout` (decisions carried by the
// saved tensor each stands for); the session itself when it is in `layout`.
Session inLayout(const Session& session, caches::CacheLayout layout);

// The spec as text in `layout`, from a tree of the same inputs in another
// layout: decisions follow each tensor.
QString writeSpecIn(spec::SpecFormat format, const spec::ExportTree& tree,
                    const spec::ShapeSpec& spec, const spec::ExportTree* layoutTree);

} // namespace ds::session
