#pragma once

class QWidget;

namespace ds::document {
class DocumentContext;
}

namespace ds::ui {

// The content of the Figures dock: the figures module's panel (shape map and
// legend) kept in step with the document, or a note when this build has no
// figures module.
QWidget* createFigureSlot(document::DocumentContext& context, QWidget* parent);

} // namespace ds::ui
