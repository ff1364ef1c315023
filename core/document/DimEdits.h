#pragma once

#include "DimNameIndex.h"
#include "spec/ShapeSpec.h"

#include <optional>
#include <vector>

namespace ds::document {

// One dimension's decision before and after an edit.
struct DimChange {
    spec::DimRef ref;
    spec::DimSpec before;
    spec::DimSpec after;
};
using DimChanges = std::vector<DimChange>;

// Which dimensions a rename reaches.
enum class RenameScope {
    ThisDimension,      // only the dimension the user picked
    SameName,           // every dimension sharing its current name
    SameSizeAtPosition, // every dimension of the same example size at the same index
    SameCache,          // every tensor of the same cache, at the same index
    Selection,          // the dimensions selected in the view (given by the caller)
};

// The edits as pure functions from the current spec to the changes they make;
// each returns only dimensions whose decision really changes, so an edit
// that changes nothing leaves no undo step. The document turns them into
// undo commands. `named` finds the dims of a name (the document's index, or
// namesByScanning(spec)).

// The dims `scope` reaches from `ref` (ref itself included).
std::vector<spec::DimRef> renameTargets(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
                                        spec::DimRef ref, RenameScope scope,
                                        const DimsNamed& named);
// Makes the targets dynamic under `name`. A name already in use lends its
// bounds, since the same name must carry the same bounds.
DimChanges renameChanges(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
                         spec::DimRef ref, const QString& name, RenameScope scope,
                         const DimsNamed& named);
// Static, or dynamic under `name` (with the bounds that name already has).
DimChanges toggleChanges(const spec::ShapeSpec& spec, spec::DimRef ref, bool dynamic,
                         const QString& name, const DimsNamed& named);
DimChanges staticChanges(const spec::ShapeSpec& spec, const std::vector<spec::DimRef>& refs);
// Bounds live with the name: every dimension named `name` gets them.
DimChanges boundsChanges(const spec::ShapeSpec& spec, const QString& name,
                         std::optional<qint64> min, std::optional<qint64> max,
                         const DimsNamed& named);
// The dimension editor's edit: `decision` (any kind, with its bounds) for
// every target. A Named decision's bounds go to every dimension of that name,
// inside the targets or not: the same name must carry the same bounds.
DimChanges decisionChanges(const spec::ShapeSpec& spec, const std::vector<spec::DimRef>& targets,
                           const spec::DimSpec& decision, const DimsNamed& named);
// Why `decision` cannot be given to `targets` (empty when it can): the name,
// the bounds against the example sizes, a derived dimension's base and
// formula. One sentence, for the editor's inline message.
QString decisionProblem(const spec::ExportTree& tree, const spec::ShapeSpec& spec,
                        const std::vector<spec::DimRef>& targets, const spec::DimSpec& decision,
                        const DimsNamed& named);
// The node of the cache holding `tensor` (nullptr outside a cache).
const spec::ExportNode* cacheOf(const spec::ExportTree& tree, int tensor);

// Everything that differs between two specs of the same tree.
DimChanges replaceChanges(const spec::ShapeSpec& from, const spec::ShapeSpec& to);

// The spec a name already has somewhere outside `except` (for its bounds).
std::optional<spec::DimSpec> existingNamed(const spec::ShapeSpec& spec, const QString& name,
                                           const DimsNamed& named,
                                           const std::vector<spec::DimRef>& except = {});

} // namespace ds::document
