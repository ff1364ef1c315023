// The layers of core/ (docs/architecture.md), checked on the sources: each
// folder includes only the folders below it, so no two folders include each
// other and no reader reaches back up to the dispatcher that picks it.
#include <QDirIterator>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

namespace {

const QString kCore = QStringLiteral(DIMSTUDIO_SOURCE_DIR "/core");

// Folder -> the folders it may include. The order of docs/architecture.md.
const QHash<QString, QSet<QString>>& allowed() {
    static const QHash<QString, QSet<QString>> table = {
        {"caches", {}},
        {"text", {"caches"}},
        {"spec", {"caches", "text"}},
        {"tensordata", {}},
        {"onnxmodel", {}},
        {"pt", {"text", "tensordata"}},
        {"formats", {"pt", "text"}},
        {"analysis", {"caches", "text", "spec"}},
        {"verdict", {"caches", "text", "spec"}},
        {"exported", {"caches", "text", "spec", "analysis", "pt", "onnxmodel"}},
        {"session", {"caches", "text", "spec", "analysis", "formats"}},
        {"runner",
         {"caches", "text", "spec", "analysis", "pt", "formats", "session", "verdict", "exported"}},
        {"document",
         {"caches", "text", "spec", "analysis", "formats", "session", "verdict", "exported",
          "runner"}},
        {"itemmodels",
         {"caches", "text", "spec", "analysis", "session", "verdict", "exported", "runner",
          "document"}},
        {"figures", {"caches", "text", "spec", "analysis"}},
    };
    return table;
}

// folder -> folder -> the first file that includes it.
QHash<QString, QHash<QString, QString>> folderIncludes() {
    static const QRegularExpression include(QStringLiteral("^\\s*#\\s*include\\s+\"([a-z]+)/"),
                                            QRegularExpression::MultilineOption);
    QHash<QString, QHash<QString, QString>> graph;
    QDirIterator it(kCore, {QStringLiteral("*.h"), QStringLiteral("*.cpp")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = QDir(kCore).relativeFilePath(path);
        if (!relative.contains(QLatin1Char('/')))
            continue; // the root vocabulary (Result, InputValue) includes no folder
        const QString folder = relative.section(QLatin1Char('/'), 0, 0);
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QString text = QString::fromUtf8(file.readAll());
        for (auto m = include.globalMatch(text); m.hasNext();) {
            const QString to = m.next().captured(1);
            if (to != folder && !graph[folder].contains(to))
                graph[folder].insert(to, relative);
        }
    }
    return graph;
}

} // namespace

class LayersTest : public QObject {
    Q_OBJECT
private slots:
    void everyFolderHasALayer() {
        const QStringList folders = QDir(kCore).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QVERIFY(folders.size() >= 10);
        for (const QString& folder : folders)
            QVERIFY2(allowed().contains(folder),
                     qPrintable(folder + QStringLiteral(" is not in the layer table")));
    }

    void foldersIncludeOnlyTheLayersBelow() {
        const auto graph = folderIncludes();
        QVERIFY(graph.contains(QStringLiteral("session"))); // the scan found the sources
        for (auto from = graph.cbegin(); from != graph.cend(); ++from)
            for (auto to = from.value().cbegin(); to != from.value().cend(); ++to)
                QVERIFY2(allowed().value(from.key()).contains(to.key()),
                         qPrintable(QStringLiteral("%1 includes %2 (%3)")
                                        .arg(from.key(), to.key(), to.value())));
    }

    void noTwoFoldersIncludeEachOther() {
        const auto graph = folderIncludes();
        for (auto from = graph.cbegin(); from != graph.cend(); ++from)
            for (auto to = from.value().cbegin(); to != from.value().cend(); ++to)
                QVERIFY2(
                    !graph.value(to.key()).contains(from.key()),
                    qPrintable(
                        QStringLiteral("%1 and %2 include each other").arg(from.key(), to.key())));
    }

    void readersNeverIncludeTheirDispatcher() {
        const auto graph = folderIncludes();
        QVERIFY(!graph.value(QStringLiteral("pt")).contains(QStringLiteral("formats")));
        QVERIFY(!graph.value(QStringLiteral("text")).contains(QStringLiteral("formats")));
    }

    void coreLinksNoWidgets() {
        QDirIterator it(kCore, {QStringLiteral("*.h"), QStringLiteral("*.cpp")}, QDir::Files,
                        QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray text = file.readAll();
            ++files;
            QVERIFY2(!text.contains("#include <QtWidgets") && !text.contains("#include <QWidget") &&
                         !text.contains("#include <QApplication>"),
                     qPrintable(file.fileName()));
        }
        QVERIFY(files > 100);
    }
};

QTEST_GUILESS_MAIN(LayersTest)
#include "tst_layers.moc"
