#include "ExampleInputs.h"

#include "formats/InputFormats.h"

#include <QFile>
#include <QTemporaryFile>

#include <memory>

namespace ds::ui {

Result<document::PreparedInputs> loadBundledExample() {
    const QString resource = QLatin1String(kExampleInputs);
    std::unique_ptr<QTemporaryFile> native(QTemporaryFile::createNativeFile(resource));
    if (native) {
        auto loaded = formats::openInputs(native->fileName());
        if (loaded) {
            loaded.value().path = resource; // named as the example, not the temporary copy
            return document::prepareInputs(std::move(loaded).value());
        }
    }
    QFile typeString{QString::fromLatin1(kExampleTypeString)};
    if (!typeString.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("the bundled example is missing from this build"), QString(),
                     resource);
    auto loaded = formats::inputsFromText(QString::fromUtf8(typeString.readAll()), resource);
    if (!loaded)
        return loaded.error();
    loaded.value().warnings << QStringLiteral(
        "shown from its type string: this build cannot read .pt files");
    return document::prepareInputs(std::move(loaded).value());
}

Result<session::SpecSource> bundledReference() {
    QFile file{QString::fromLatin1(kExampleReference)};
    if (!file.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("the bundled reference is missing from this build"), QString(),
                     file.fileName());
    return session::parseSpecSource(file.readAll(), file.fileName());
}

} // namespace ds::ui
