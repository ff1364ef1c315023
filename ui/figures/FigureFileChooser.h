#pragma once

#include <QString>

#include <functional>

class QWidget;

namespace ds::ui::figures {

// What a "Save … as" asks the user: the dialog's title and the file it proposes
// (a folder and a default name such as seed_shape_map.png).
struct FigureSaveRequest {
    QString caption;
    QString proposedPath;
};

// Asks where to save a figure; returns the chosen file, empty when cancelled.
// The panel calls one of these, so that tests can stand in for the user.
using FigureFileChooser = std::function<QString(QWidget* parent, const FigureSaveRequest&)>;

// The PNG, SVG and PDF filters of the save dialogs, the proposed file's first.
QStringList figureNameFilters();

// Qt's save dialog (the platform's own when there is one) with the three
// formats as filters; choosing a filter changes the extension of the name
// typed, and a name typed without one gets the filter's.
QString chooseFigureFile(QWidget* parent, const FigureSaveRequest& request);

} // namespace ds::ui::figures
