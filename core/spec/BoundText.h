#pragma once

#include <QString>

#include <optional>

namespace ds::spec {

// A bound as a user types it (a cell of the tree, the dimension editor): empty
// or "none" is no bound, anything else must be a whole number; false when it
// is neither. Whether the number fits (not negative, max above min, around the
// example's size) is document::decisionProblem's to say, the same for both.
bool parseBoundText(const QString& text, std::optional<qint64>& bound);

} // namespace ds::spec
