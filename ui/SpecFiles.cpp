#include "SpecFiles.h"

#include "DialogFolders.h"
#include "ErrorReporter.h"
#include "document/DocumentContext.h"
#include "session/SpecReading.h"
#include "spec/SpecJson.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSaveFile>

namespace ds::ui {

namespace {

QString filterFor(spec::SpecFormat format) {
    return QObject::tr("%1 (*.%2)").arg(formatName(format), SpecFiles::extensionFor(format));
}

} // namespace

SpecFiles::SpecFiles(document::DocumentContext& context, ErrorReporter& errors,
                     QWidget* dialogParent)
    : QObject(dialogParent), m_context(context), m_errors(errors), m_dialogParent(dialogParent) {
    // New inputs start a new spec: it has no file yet.
    connect(&context, &document::DocumentContext::inputsChanged, this, [this] {
        m_specPath.clear();
        emit specPathChanged(m_specPath);
    });
}

QString SpecFiles::extensionFor(spec::SpecFormat format) {
    switch (format) {
    case spec::SpecFormat::Json:
        return QStringLiteral("json");
    case spec::SpecFormat::Pprint:
        return QStringLiteral("txt");
    case spec::SpecFormat::Python:
    case spec::SpecFormat::OnnxDynamo:
    case spec::SpecFormat::DynamicAxes:
        return QStringLiteral("py");
    }
    return QStringLiteral("txt");
}

QString SpecFiles::baseDirectory() const {
    return dialogFolder(m_context);
}

QString SpecFiles::defaultExportPath(spec::SpecFormat format) const {
    // The first input file's name ("model_inputs.pt" -> "model_inputs"), not the
    // document's ("... + 1 more set"); pasted inputs are "inputs".
    QString stem =
        m_context.hasInputs() && m_context.inputs().path != ErrorReporter::clipboardOrigin()
            ? QFileInfo(m_context.inputs().path).completeBaseName()
            : QString();
    if (stem.isEmpty())
        stem = QStringLiteral("inputs");
    const QString suffix = format == spec::SpecFormat::Json ? QStringLiteral("_spec")
                                                            : QStringLiteral("_dynamic_shapes");
    return QDir(baseDirectory()).filePath(stem + suffix + QLatin1Char('.') + extensionFor(format));
}

Status SpecFiles::writeText(const QString& path, const QByteArray& bytes) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        const Error error(file.errorString(), QString(), path);
        m_errors.report(error, tr("write"));
        return error;
    }
    return okStatus();
}

bool SpecFiles::save() {
    if (m_specPath.isEmpty())
        return saveAs();
    return saveTo(m_specPath).ok();
}

bool SpecFiles::saveAs() {
    if (!m_context.hasInputs())
        return false;
    const QString start =
        m_specPath.isEmpty() ? defaultExportPath(spec::SpecFormat::Json) : m_specPath;
    const QString path = QFileDialog::getSaveFileName(m_dialogParent, tr("Save spec"), start,
                                                      tr("DimStudio spec (*.json)"));
    rememberDialogFolder(path);
    return !path.isEmpty() && saveTo(path).ok();
}

Status SpecFiles::saveTo(const QString& path) {
    if (!m_context.hasInputs())
        return Error(tr("nothing to save: no inputs are open"));
    const Status written = writeText(path, specToJson(m_context.tree(), m_context.spec()));
    if (!written)
        return written;
    m_specPath = path;
    m_context.undoStack().setClean();
    emit specPathChanged(path);
    m_errors.inform(tr("Saved the spec to %1").arg(QDir::toNativeSeparators(path)));
    return okStatus();
}

void SpecFiles::chooseAndOpenSpec() {
    if (!maybeSave()) // the spec read replaces the edits
        return;
    const QString path =
        QFileDialog::getOpenFileName(m_dialogParent, tr("Open spec"), baseDirectory(),
                                     tr("Specs (*.json *.py *.txt);;All files (*)"));
    rememberDialogFolder(path);
    if (!path.isEmpty())
        (void)openSpec(path); // it reports its errors
}

Status SpecFiles::openSpec(const QString& path) {
    if (!m_context.hasInputs()) {
        const Error error(tr("open the inputs first: a spec is read against them"), QString(),
                          path);
        m_errors.report(error);
        return error;
    }
    auto source = session::readSpecFile(path);
    if (!source) {
        m_errors.report(source.error());
        return source.error();
    }
    // The same reading as `dimstudio spec --spec`: either layout, dynamic_axes too.
    const session::SpecReading reading = m_context.session().read(source.value());
    // Structure problems are errors here: a spec to continue must fit its inputs.
    if (const auto error = session::structureError(reading, path)) {
        m_errors.report(*error);
        return *error;
    }
    m_context.replaceSpec(reading.aligned.spec, tr("Open spec %1").arg(QFileInfo(path).fileName()));
    m_context.undoStack().setClean(); // the document now equals the file
    m_specPath = path;
    emit specPathChanged(path);
    return okStatus();
}

void SpecFiles::chooseAndExport(spec::SpecFormat preferred) {
    if (!m_context.hasInputs())
        return;
    QStringList filters;
    for (const QString& name : spec::allFormatNames())
        filters << filterFor(*spec::formatFromName(name));
    QString selected = filterFor(preferred);
    const QString path = QFileDialog::getSaveFileName(
        m_dialogParent, tr("Export spec"), defaultExportPath(preferred),
        filters.join(QStringLiteral(";;")), &selected);
    if (path.isEmpty())
        return;
    rememberDialogFolder(path);
    const int chosen = static_cast<int>(filters.indexOf(selected));
    const spec::SpecFormat format =
        chosen >= 0 ? *spec::formatFromName(spec::allFormatNames().at(chosen)) : preferred;
    (void)exportTo(path, format); // a failed write is reported by writeText
}

Status SpecFiles::exportTo(const QString& path, spec::SpecFormat format) {
    if (!m_context.hasInputs())
        return Error(tr("nothing to export: no inputs are open"));
    const Status written = writeText(path, m_context.specText(format).toUtf8());
    if (written)
        m_errors.inform(tr("Exported the spec (%1) to %2")
                            .arg(spec::formatName(format), QDir::toNativeSeparators(path)));
    return written;
}

bool SpecFiles::maybeSave() {
    if (!m_context.isModified())
        return true;
    if (!m_errors.isInteractive())
        return true;
    const auto answer =
        QMessageBox::warning(m_dialogParent, tr("DimStudio"),
                             tr("The spec has unsaved edits.\nDo you want to save them?"),
                             QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

} // namespace ds::ui
