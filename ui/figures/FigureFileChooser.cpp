#include "FigureFileChooser.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QRegularExpression>

namespace ds::ui::figures {

namespace {

// "SVG image (*.svg)" -> "svg".
QString filterSuffix(const QString& filter) {
    static const QRegularExpression pattern(QStringLiteral("\\*\\.(\\w+)"));
    return pattern.match(filter).captured(1);
}

// "map.svg" with the suffix "pdf" -> "map.pdf"; "map.v2" -> "map.v2.pdf".
QString withSuffix(const QString& path, const QString& suffix) {
    QString name = QFileInfo(path).fileName();
    const QString old = QFileInfo(path).suffix().toLower();
    for (const QString& filter : figureNameFilters())
        if (!old.isEmpty() && filterSuffix(filter) == old)
            name.chop(old.size() + 1);
    return name + QLatin1Char('.') + suffix;
}

} // namespace

QStringList figureNameFilters() {
    return {QObject::tr("PNG image (*.png)"), QObject::tr("SVG image (*.svg)"),
            QObject::tr("PDF document (*.pdf)")};
}

QString chooseFigureFile(QWidget* parent, const FigureSaveRequest& request) {
    const QFileInfo proposed(request.proposedPath);
    QFileDialog dialog(parent, request.caption, proposed.absolutePath());
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setFileMode(QFileDialog::AnyFile);
    dialog.setNameFilters(figureNameFilters());
    for (const QString& filter : figureNameFilters())
        if (filterSuffix(filter) == proposed.suffix().toLower())
            dialog.selectNameFilter(filter);
    dialog.setDefaultSuffix(filterSuffix(dialog.selectedNameFilter()));
    dialog.selectFile(proposed.fileName());
    QObject::connect(&dialog, &QFileDialog::filterSelected, &dialog, [&dialog](const QString& f) {
        const QString suffix = filterSuffix(f);
        dialog.setDefaultSuffix(suffix);
        const QStringList typed = dialog.selectedFiles();
        if (typed.size() == 1 && !QFileInfo(typed.first()).fileName().isEmpty())
            dialog.selectFile(withSuffix(typed.first(), suffix));
    });
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return QString();
    return dialog.selectedFiles().first();
}

} // namespace ds::ui::figures
