#pragma once

#include "Result.h"
#include "spec/SpecWriters.h"

#include <QObject>

class QWidget;

namespace ds::document {
class DocumentContext;
}

namespace ds::ui {

class ErrorReporter;

// The spec's files: Save spec / Open spec (DimStudio JSON, to continue
// later), Export spec… in any format, and the guard against losing edits.
// Everything is written with QSaveFile: a failed write leaves the old file.
class SpecFiles : public QObject {
    Q_OBJECT
public:
    SpecFiles(document::DocumentContext& context, ErrorReporter& errors, QWidget* dialogParent);

    bool save();
    bool saveAs();
    Status saveTo(const QString& path);
    void chooseAndOpenSpec();
    Status openSpec(const QString& path);
    // `preferred` is preselected in the dialog (the preview's format).
    void chooseAndExport(spec::SpecFormat preferred);
    Status exportTo(const QString& path, spec::SpecFormat format);
    // True when the document may be closed or replaced: nothing unsaved, or
    // the user saved or chose to discard.
    bool maybeSave();

    QString specPath() const { return m_specPath; }
    // "<inputs stem>_dynamic_shapes.<ext>" next to the inputs (or in the last directory).
    QString defaultExportPath(spec::SpecFormat format) const;
    static QString extensionFor(spec::SpecFormat format);

signals:
    void specPathChanged(const QString& path);

private:
    Status writeText(const QString& path, const QByteArray& bytes);
    QString baseDirectory() const;

    document::DocumentContext& m_context;
    ErrorReporter& m_errors;
    QWidget* m_dialogParent;
    QString m_specPath;
};

} // namespace ds::ui
