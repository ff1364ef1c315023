#pragma once

#include <QString>

namespace ds::document {
class DocumentContext;
}

namespace ds::ui {

// Where DimStudio's file dialogs start: the folder of the opened inputs file,
// else the last folder a dialog chose (shared with Open inputs), else the
// folder DimStudio was started in; never $HOME for its own sake.
QString dialogFolder(const document::DocumentContext& context);
// After a dialog chose `path`: its folder is where the next one starts.
void rememberDialogFolder(const QString& path);

} // namespace ds::ui
