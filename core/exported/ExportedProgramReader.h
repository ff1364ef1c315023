#pragma once

#include "ExportedShapes.h"
#include "Result.h"

#include <QByteArray>

namespace ds::exported {

// What a saved exported program (torch.export.save) says about its user
// inputs, read through DimStudio's own zip reader without running anything:
// torch 2.6's layout (serialized_exported_program.json at the top) and the
// PT2 archive of later versions (<archive>/models/<name>.json beside
// <archive>/archive_format). Schema major version 8 (torch 2.6 to 2.14); any
// other is an error naming the version found.
Result<ExportedShapes> readExportedProgram(const QString& path);

// The same from the program's JSON text (`where` names it in errors).
Result<ExportedShapes> exportedProgramFromJson(const QByteArray& json, const QString& where);

// sympy's srepr of a size ("Mul(Integer(2), Symbol('s0', positive=True))")
// as torch prints it ("2*s0"); text that is not srepr comes back as it is.
QString exprFromSrepr(const QString& srepr);

} // namespace ds::exported
