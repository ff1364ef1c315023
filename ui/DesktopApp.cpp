#include "DesktopApp.h"
#include "formats/InputFormats.h"

#include "DesktopArguments.h"
#include "ErrorReporter.h"
#include "ExportPanel.h"
#include "InputsOpener.h"
#include "MainWindow.h"
#include "ScreenshotMode.h"
#include "SpecFiles.h"
#include "document/DocumentContext.h"
#include "session/SpecReading.h"

#include <QApplication>
#include <QIcon>
#include <QSettings>
#include <QTemporaryDir>

#include <cstdio>

namespace ds {

namespace {

int fail(const Error& error) {
    const QByteArray text =
        (QStringLiteral("dimstudio: error: ") + error.toString() + QLatin1Char('\n')).toUtf8();
    std::fwrite(text.constData(), 1, static_cast<size_t>(text.size()), stderr);
    return 2;
}

// Opens what the command line names, or the bundled example without a file.
// Every failure is reported once through the window's reporter (a message
// box, or nothing in screenshot mode, where the caller prints it).
Status openFromArguments(ui::MainWindow& window, const ui::DesktopArguments& args,
                         bool background) {
    ui::InputsOpener& opener = window.opener();
    if (args.files.isEmpty()) {
        if (const Status example = opener.openExample(); !example)
            return example;
    } else if (background) {
        opener.open(args.files.first());
        for (qsizetype i = 1; i < args.files.size(); ++i) {
            opener.waitForLoad();
            opener.addInputSet(args.files[i]);
        }
    } else {
        if (const Status opened = opener.openNow(args.files.first()); !opened)
            return opened;
        for (qsizetype i = 1; i < args.files.size(); ++i) {
            auto more = formats::openInputs(args.files[i]);
            const Status added =
                more ? window.context().addInputSet(more.value()) : Status(more.error());
            if (!added) {
                window.errors().report(added.error(), QObject::tr("add"));
                return added;
            }
        }
    }
    if (!args.reference.isEmpty()) {
        auto reference = session::readSpecFile(args.reference);
        if (!reference) {
            window.errors().report(reference.error());
            return reference.error();
        }
        window.context().setReference(std::move(reference).value());
    }
    if (args.spec.isEmpty() && args.exported.isEmpty())
        return okStatus();
    opener.waitForLoad(); // both need the inputs
    if (!args.spec.isEmpty())
        if (const Status opened = window.specFiles().openSpec(args.spec); !opened)
            return opened;
    if (!args.exported.isEmpty())
        if (const Status opened = window.exportPanel()->openExportedProgram(args.exported); !opened)
            return opened;
    return okStatus();
}

} // namespace

int runDesktopApp(int argc, char** argv) {
    const bool screenshot = ui::wantsScreenshot(argc, argv);
    // A screenshot needs no display: default to the offscreen platform.
    if (screenshot && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    // Who the window is to the desktop: its installed desktop entry (the
    // Wayland app id) and the icon drawn in title and task bars.
    QGuiApplication::setDesktopFileName(QStringLiteral(DIMSTUDIO_APP_ID));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/dimstudio.svg")));

    auto args = ui::parseDesktopArguments(QApplication::arguments());
    if (!args)
        return fail(args.error());

    // A screenshot neither reads nor changes the user's settings (window
    // layout, preview format, recent files): it shows the defaults.
    QTemporaryDir throwawaySettings;
    if (screenshot)
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, throwawaySettings.path());

    ui::MainWindow window;
    if (screenshot) {
        window.setInteractive(false);
        if (const Status opened = openFromArguments(window, args.value(), false); !opened)
            return fail(opened.error());
        const Status written = ui::renderScreenshot(window, args.value().screenshotPath);
        return written ? 0 : fail(written.error());
    }
    window.show();
    (void)openFromArguments(window, args.value(), true); // errors shown in the window
    return app.exec();
}

} // namespace ds
