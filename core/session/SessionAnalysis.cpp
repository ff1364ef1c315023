#include "SessionAnalysis.h"

namespace ds::session {

std::vector<analysis::CheckFinding>
runChecks(const spec::ExportTree& tree, const spec::ShapeSpec& spec, const SpecReading* reading,
          const std::vector<std::shared_ptr<const spec::ExportTree>>& otherSets) {
    std::vector<analysis::CheckFinding> findings;
    if (reading) {
        const bool shapes = reading->readAs != analysis::ReferenceFormat::DynamicAxes;
        // The text's own structure: on a tree in the layout it is written in.
        const bool sameLayout = reading->writtenIn == tree.layout();
        const spec::ExportTree written =
            sameLayout ? spec::ExportTree() : spec::ExportTree(tree.inputs(), reading->writtenIn);
        findings = analysis::readingFindings(sameLayout ? tree : written,
                                             shapes ? reading->text.value.get() : nullptr,
                                             reading->text.source, reading->aligned);
    }
    std::vector<const spec::ExportTree*> others;
    for (const auto& other : otherSets)
        others.push_back(other.get());
    const std::vector<analysis::CheckFinding> dims = analysis::checkSpec(tree, spec, others);
    findings.insert(findings.end(), dims.begin(), dims.end());
    return findings;
}

analysis::SpecComparison compareWithReference(const spec::ExportTree& tree,
                                              const spec::ShapeSpec& spec,
                                              const SpecReading& reference) {
    return analysis::compareSpecs(tree, spec, reference.aligned);
}

} // namespace ds::session
