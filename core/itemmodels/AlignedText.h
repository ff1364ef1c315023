#pragma once

#include <QList>
#include <QStringList>

namespace ds::itemmodels {

// Rows of cells as plain text with every column padded to its widest cell
// (the tree's "Copy" output), trailing spaces trimmed, one line per row.
// `indent[i]` spaces go before row i's first cell (tree depth).
QString alignedText(const QList<QStringList>& rows, const QList<int>& indent = {});

} // namespace ds::itemmodels
