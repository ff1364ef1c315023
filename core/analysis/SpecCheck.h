#pragma once

#include "spec/ShapeSpec.h"
#include "spec/SpecAligner.h"

#include <QByteArray>
#include <vector>

namespace ds::analysis {

enum class Severity { Error, Warning };
QString severityName(Severity s); // "error", "warning"

// The rules a spec is checked against, by the name reports use.
namespace check_rule {
inline const QString kSpecializedSize = QStringLiteral("specialized_size"); // dynamic, size 0 or 1
inline const QString kInconsistentSizes =
    QStringLiteral("inconsistent_sizes");                            // one name, several sizes
inline const QString kOutOfBounds = QStringLiteral("out_of_bounds"); // size outside min/max
inline const QString kInvalidName = QStringLiteral("invalid_name");  // not a Python identifier
inline const QString kConflictingBounds =
    QStringLiteral("conflicting_bounds");                         // one name, two bounds
inline const QString kBadDerived = QStringLiteral("bad_derived"); // not A*x+B, A > 0, or wrong size
inline const QString kNonTensorSpec =
    QStringLiteral("non_tensor_spec");                         // a spec on an int, None, ...
inline const QString kStructure = QStringLiteral("structure"); // the spec does not fit the inputs
// What torch.export taught us (issue 12): refusals a spec can be checked for.
inline const QString kEqualSizesTwoNames =
    QStringLiteral("equal_sizes_two_names"); // equal in every input set, two names
inline const QString kNoneForNode =
    QStringLiteral("none_for_node"); // None where a registered pytree node stands
inline const QString kUnfaithfulLayout =
    QStringLiteral("unfaithful_layout"); // a cache whose state the layout cannot carry
inline const QString kUnpassedTensors =
    QStringLiteral("unpassed_tensors"); // saved tensors the spec gives no place
inline const QString kSumWithoutMinimum =
    QStringLiteral("sum_without_minimum"); // cache + new tokens: torch asks for a minimum
} // namespace check_rule

struct CheckFinding {
    QString path;     // the tensor's dot path, or the place in the spec's structure
    spec::DimRef ref; // the dimension, tensor -1 when the finding is not about one
    Severity severity = Severity::Error;
    QString rule;    // one of check_rule
    QString message; // what is wrong, with the sizes and names involved
    QString fix;     // one line saying what to change
};

// The per-dimension rules over a spec and the example sizes of the tree.
// `otherSets`: the same inputs' other example sets (trees of the same
// structure and layout), for the rules that need sizes seen in every set.
std::vector<CheckFinding> checkSpec(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
                                    const std::vector<const spec::ExportTree*>& otherSets = {});

// What reading a spec from text found, before any dimension rule: its
// structure issues (rule "structure") and, for a dynamic_shapes value
// (`value` not null), a spec on a non-tensor leaf (non_tensor_spec) instead of
// the structure issue at that place. session::runChecks puts the two together.
std::vector<CheckFinding> readingFindings(const spec::ExportTree& tree, const text::PyValue* value,
                                          spec::SpecSource source,
                                          const spec::AlignedSpec& aligned);

// The unpassed_tensors rule alone (the spec command warns with it): saved
// tensors the tree gives no place, whatever the spec says.
std::vector<CheckFinding> unpassedTensors(const spec::ExportTree& tree);

bool hasErrors(const std::vector<CheckFinding>& findings);

// Text: two lines per finding (what, then "fix: ..."), then a count.
QString findingsToText(const std::vector<CheckFinding>& findings);
// {"findings": [{"path", "dim", "severity", "rule", "message", "fix"}]}; dim is
// null when the finding is not about one dimension.
QByteArray findingsToJson(const std::vector<CheckFinding>& findings);

} // namespace ds::analysis
