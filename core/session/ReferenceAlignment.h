#pragma once

#include "analysis/ReferenceSpec.h"

namespace ds::session {

// A spec read from a file or the clipboard, and where it came from.
struct SpecSourceText {
    QString origin; // the file, or "clipboard"
    analysis::SpecText text;
};

// Reads a spec file; errors name the file.
Result<SpecSourceText> readSpecSource(const QString& path);
// Reads spec text from the clipboard (or any other non-file origin).
Result<SpecSourceText> parseSpecSource(const QByteArray& bytes, const QString& origin);

// alignReference on the document's tree; when the spec only fits the other
// cache layout (or says it was saved in it), reads it in that layout and
// carries the decisions over, so either layout's reference compares.
spec::AlignedSpec alignInEditingLayout(const spec::ExportTree& tree,
                                       const analysis::SpecText& text);

} // namespace ds::session
