#pragma once

#include "spec/ShapeSpec.h"
#include "spec/SpecAligner.h"

#include <QByteArray>
#include <vector>

namespace ds::analysis {

// How one tensor dimension of the current spec relates to the reference's.
enum class DimStatus {
    Same,          // both static, or both dynamic with the same grouping and bounds
    OnlyHere,      // dynamic here, static in the reference
    OnlyReference, // static here, dynamic in the reference
    Grouping,      // both dynamic, but the dims sharing its name differ between the sides
    Bounds,        // both dynamic, same grouping, different min/max
};
QString dimStatusName(DimStatus s); // "same", "only_here", "only_reference", "grouping", "bounds"

struct DimComparison {
    spec::DimRef ref;
    QString path; // the tensor's dot path in the spec's structure ("past_key_values.0.0")
    DimStatus status = DimStatus::Same;
    spec::DimSpec here;
    spec::DimSpec reference;
    // False where the reference's structure did not reach this dimension (see
    // AlignedSpec::unaligned): not compared, not counted, left alone by adopt;
    // the structure issues say why.
    bool aligned = true;
    // Why a grouping or bounds difference is one ("in the reference 'seq' also
    // covers cache_position dim 0"); empty otherwise.
    QString detail;
};

struct ComparisonSummary {
    int same = 0;
    int onlyHere = 0;
    int onlyReference = 0;
    int grouping = 0;
    int bounds = 0;
    int structure = 0;
    bool clean() const { return onlyHere + onlyReference + grouping + bounds + structure == 0; }
};

struct SpecComparison {
    std::vector<DimComparison> dims; // every dimension of every tensor, in flattening order
    std::vector<spec::StructureIssue> structure;
    ComparisonSummary summary;
    // nullptr-free lookup for the UI and figures; Same when the ref is unknown.
    DimStatus statusOf(spec::DimRef ref) const;
};

// `reference` is the reference spec aligned with the same tree (alignSpec).
SpecComparison compareSpecs(const spec::ExportTree& tree, const spec::ShapeSpec& here,
                            const spec::AlignedSpec& reference);

// Reports list the dimensions that differ (every aligned one with listSame),
// then the structure issues. JSON: {"summary": {...}, "dims": [...], "structure": [...]}.
QString comparisonToText(const SpecComparison& comparison, bool listSame = false);
QByteArray comparisonToJson(const SpecComparison& comparison, bool listSame = false);

// "Adopt reference": the reference's decision wherever the structures align.
spec::ShapeSpec adoptReference(const spec::ShapeSpec& here, const SpecComparison& comparison);

} // namespace ds::analysis
