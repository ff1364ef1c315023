#include "DesktopApp.h"

#include <QApplication>
#include <QLabel>
#include <QMainWindow>

namespace ds {

int runDesktopApp(int argc, char** argv) {
    QApplication app(argc, argv);
    QMainWindow window;
    window.setCentralWidget(new QLabel(QStringLiteral("DimStudio")));
    window.show();
    return app.exec();
}

} // namespace ds
