#pragma once

#include "ExportedShapes.h"
#include "analysis/JsonText.h"
#include "spec/ShapeSpec.h"

#include <QByteArray>

namespace ds::exported {

// What export made of one dimension that was asked for.
enum class DimOutcome {
    Kept,        // dynamic as asked
    Specialized, // asked dynamic, exported as a constant
    Merged,      // asked as two names, exported as one symbol, or the reverse
    Bounds,      // dynamic, but the range differs from the request
    Extra,       // asked static, exported dynamic
    Static,      // asked static, exported static
};
QString outcomeName(DimOutcome outcome); // "kept", "specialized", ...

struct DimOutcomeRow {
    spec::DimRef ref;
    QString path;  // the tensor's dot path in the tree
    QString input; // the exported input's name
    DimOutcome status = DimOutcome::Kept;
    spec::DimSpec requested;
    ExportedSize exported;
    QString detail; // why merged / bounds, in words
};

struct ExportDiff {
    std::vector<DimOutcomeRow> dims; // every dimension of every tensor, in flattening order
    QStringList structure;           // inputs that do not line up with the tree
    QString matchedBy;               // "pytree path" or "position": how inputs were lined up
    int count(DimOutcome outcome) const;
    // Export kept exactly what was asked: nothing specialized, merged, extra,
    // no range other than asked, no structure problem.
    bool clean() const;
};

// Lines the exported inputs up with the tree's leaves (tensors and
// non-None leaves, in flattening order) and compares each dimension.
ExportDiff diffExport(const spec::ExportTree& tree, const spec::ShapeSpec& requested,
                      const ExportedShapes& exported);

QString diffToText(const ExportDiff& diff, bool listAll = false);
// {"summary": {...}, "dims": [{"path", "dim", "input", "status", "requested",
// "exported", "min", "max", "detail"}], "structure": [...]}
QByteArray diffToJson(const ExportDiff& diff);
// The same as a value, to put inside another report.
analysis::JsonText diffJson(const ExportDiff& diff);

} // namespace ds::exported
