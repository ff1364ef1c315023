// `cmake --install` of this build, into a temporary prefix, makes a desktop
// application: the desktop entry, the icons, the AppStream metadata and the
// MIME types land where desktops look for them and agree with each other (the
// entry opens the types the package defines, the metainfo names the entry and
// this version), Qt's MIME database recognises the files from the installed
// definitions, and the installed program runs and loads its LibTorch module
// from the prefix rather than from this build tree.
#include "FixtureFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QMimeDatabase>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

const QString kAppId = QStringLiteral(DIMSTUDIO_APP_ID);
const QString kSpecType = QStringLiteral("application/x-dimstudio-spec+json");
const QString kTorchType = QStringLiteral("application/x-pytorch");

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString& program, const QStringList& args,
        const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment()) {
    QProcess p;
    p.setProcessEnvironment(environment);
    p.start(program, args);
    Run result;
    if (!p.waitForFinished(120000)) {
        p.kill();
        result.err = QStringLiteral("timed out");
        return result;
    }
    result.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    result.out = QString::fromUtf8(p.readAllStandardOutput());
    result.err = QString::fromUtf8(p.readAllStandardError());
    return result;
}

// The [Desktop Entry] group of a desktop file, key -> value.
QHash<QString, QString> desktopEntry(const QString& path) {
    QHash<QString, QString> entry;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return entry;
    bool inGroup = false;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        if (line.startsWith(QLatin1Char('[')))
            inGroup = line == QLatin1String("[Desktop Entry]");
        else if (inGroup && line.contains(QLatin1Char('=')) && !line.startsWith(QLatin1Char('#')))
            entry.insert(line.section(QLatin1Char('='), 0, 0).trimmed(),
                         line.section(QLatin1Char('='), 1).trimmed());
    }
    return entry;
}

QSet<QString> semicolonList(const QString& value) {
    QSet<QString> items;
    for (const QString& item : value.split(QLatin1Char(';'), Qt::SkipEmptyParts))
        items.insert(item);
    return items;
}

// An XML file flattened to what the checks below need: each attribute and each
// text, with the path of its element ("component/provides/binary"); a text has
// no attribute name.
struct XmlItem {
    QString path;
    QString attribute;
    QString value;
};

QList<XmlItem> xmlItems(const QString& file, QString* error) {
    QList<XmlItem> items;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return items;
    }
    QXmlStreamReader xml(&f);
    QStringList stack;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            stack << xml.name().toString();
            const QString path = stack.join(QLatin1Char('/'));
            for (const QXmlStreamAttribute& a : xml.attributes())
                items.append({path, a.name().toString(), a.value().toString()});
        } else if (xml.isEndElement()) {
            stack.removeLast();
        } else if (xml.isCharacters() && !xml.isWhitespace()) {
            items.append(
                {stack.join(QLatin1Char('/')), QString(), xml.text().toString().trimmed()});
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("%1 at line %2").arg(xml.errorString()).arg(xml.lineNumber());
    return items;
}

QStringList values(const QList<XmlItem>& items, const QString& path,
                   const QString& attribute = QString()) {
    QStringList found;
    for (const XmlItem& item : items)
        if (item.path == path && item.attribute == attribute)
            found << item.value;
    return found;
}

QSet<QString> asSet(const QStringList& list) {
    return QSet<QString>(list.begin(), list.end());
}

} // namespace

class TestInstall : public QObject {
    Q_OBJECT

    QTemporaryDir m_prefix;
    QTemporaryDir m_emptyDataHome;
    QTemporaryDir m_mimeDataDir;

    QString installed(const QString& relative) const {
        return m_prefix.path() + QLatin1Char('/') + relative;
    }
    QString desktopFile() const {
        return installed(QStringLiteral("share/applications/%1.desktop").arg(kAppId));
    }
    QString metainfoFile() const {
        return installed(QStringLiteral("share/metainfo/%1.metainfo.xml").arg(kAppId));
    }
    QString mimeFile() const {
        return installed(QStringLiteral("share/mime/packages/%1.xml").arg(kAppId));
    }
    QString program() const { return installed(QStringLiteral("bin/dimstudio")); }

    QSet<QString> definedMimeTypes() const {
        QString error;
        const auto items = xmlItems(mimeFile(), &error);
        return asSet(values(items, QStringLiteral("mime-info/mime-type"), QStringLiteral("type")));
    }

private slots:
    void initTestCase() {
        QVERIFY(m_prefix.isValid());
        QVERIFY(m_emptyDataHome.isValid());
        QVERIFY(m_mimeDataDir.isValid());
        const Run install = run(QStringLiteral(DIMSTUDIO_CMAKE),
                                {QStringLiteral("--install"), QStringLiteral(DIMSTUDIO_BUILD_DIR),
                                 QStringLiteral("--prefix"), m_prefix.path()});
        QVERIFY2(install.exitCode == 0, qPrintable(install.out + install.err));
        // The MIME database as update-mime-database makes it on an installed
        // system: freedesktop.org's types and the installed package in one
        // (Qt reads a folder without mime.cache from its packages/*.xml). Not
        // two folders: Qt 6.4 lets the magic of a mime.cache read later (the
        // system's) override an earlier folder's whatever the priorities, so
        // application/zip would hide application/x-pytorch.
        const QString system =
            QStandardPaths::locate(QStandardPaths::GenericDataLocation,
                                   QStringLiteral("mime/packages/freedesktop.org.xml"));
        QVERIFY2(!system.isEmpty(),
                 "no freedesktop.org.xml (Debian's shared-mime-info, which Qt needs)");
        const QString packages = m_mimeDataDir.path() + QStringLiteral("/mime/packages/");
        QVERIFY(QDir().mkpath(packages));
        QVERIFY(QFile::copy(system, packages + QStringLiteral("freedesktop.org.xml")));
        QVERIFY(QFile::copy(mimeFile(), packages + kAppId + QStringLiteral(".xml")));
        qputenv("XDG_DATA_HOME", QFile::encodeName(m_emptyDataHome.path()));
        qputenv("XDG_DATA_DIRS", QFile::encodeName(m_mimeDataDir.path()));
    }

    void filesAreWhereDesktopsLook_data() {
        QTest::addColumn<QString>("relative");
        QTest::newRow("program") << QStringLiteral("bin/dimstudio");
        QTest::newRow("desktop entry")
            << QStringLiteral("share/applications/%1.desktop").arg(kAppId);
        QTest::newRow("AppStream") << QStringLiteral("share/metainfo/%1.metainfo.xml").arg(kAppId);
        QTest::newRow("MIME types") << QStringLiteral("share/mime/packages/%1.xml").arg(kAppId);
        QTest::newRow("scalable icon")
            << QStringLiteral("share/icons/hicolor/scalable/apps/%1.svg").arg(kAppId);
#ifdef DIMSTUDIO_HAVE_TENSORDATA
        QTest::newRow("tensor module")
            << QStringLiteral("lib/dimstudio/libdimstudio_tensordata.so");
#endif
    }
    void filesAreWhereDesktopsLook() {
        QFETCH(QString, relative);
        const QFileInfo info(installed(relative));
        QVERIFY2(info.isFile(), qPrintable(info.filePath()));
        QVERIFY(info.size() > 0);
    }

    void pngIconsAreRenderedAtTheirSize_data() {
        QTest::addColumn<int>("size");
        const QStringList sizes = QStringLiteral(DIMSTUDIO_ICON_SIZES).split(QLatin1Char(','));
        QVERIFY(sizes.contains(QStringLiteral("48"))); // the one hicolor requires
        for (const QString& size : sizes)
            QTest::newRow(qPrintable(size)) << size.toInt();
    }
    void pngIconsAreRenderedAtTheirSize() {
        QFETCH(int, size);
        const QString path = installed(
            QStringLiteral("share/icons/hicolor/%1x%1/apps/%2.png").arg(size).arg(kAppId));
        const QImage image(path);
        QVERIFY2(!image.isNull(), qPrintable(path));
        QCOMPARE(image.size(), QSize(size, size));
        // Drawn, not blank: transparent corners around an opaque tile.
        QCOMPARE(qAlpha(image.pixel(0, 0)), 0);
        QCOMPARE(qAlpha(image.pixel(size / 2, size / 2)), 255);
    }

    void desktopEntryStartsTheProgramOnTorchFiles() {
        const auto entry = desktopEntry(desktopFile());
        QCOMPARE(entry.value(QStringLiteral("Type")), QStringLiteral("Application"));
        QCOMPARE(entry.value(QStringLiteral("Exec")), QStringLiteral("dimstudio %F"));
        QCOMPARE(entry.value(QStringLiteral("TryExec")), QStringLiteral("dimstudio"));
        QCOMPARE(entry.value(QStringLiteral("Icon")), kAppId);
        QVERIFY(semicolonList(entry.value(QStringLiteral("Categories")))
                    .contains(QStringLiteral("Development")));
        const QSet<QString> defined = definedMimeTypes();
        QVERIFY(defined.contains(kSpecType));
        QVERIFY(defined.contains(kTorchType));
        // A saved spec is read against its inputs (File > Open spec): its type
        // is defined, so file managers name it, but not offered to open.
        QCOMPARE(semicolonList(entry.value(QStringLiteral("MimeType"))), QSet<QString>{kTorchType});
    }

    void metainfoNamesTheEntryTheTypesAndThisVersion() {
        QString error;
        const auto items = xmlItems(metainfoFile(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(values(items, QStringLiteral("component"), QStringLiteral("type")),
                 QStringList{QStringLiteral("desktop-application")});
        QCOMPARE(values(items, QStringLiteral("component/id")), QStringList{kAppId});
        QCOMPARE(values(items, QStringLiteral("component/launchable")),
                 QStringList{kAppId + QStringLiteral(".desktop")});
        QCOMPARE(values(items, QStringLiteral("component/icon")), QStringList{kAppId});
        QCOMPARE(values(items, QStringLiteral("component/metadata_license")),
                 QStringList{QStringLiteral("CC0-1.0")});
        QCOMPARE(values(items, QStringLiteral("component/provides/binary")),
                 QStringList{QStringLiteral("dimstudio")});
        QCOMPARE(asSet(values(items, QStringLiteral("component/provides/mediatype"))),
                 QSet<QString>{kTorchType});
        // The newest release comes first: a new project(VERSION) needs its entry.
        const QStringList releases =
            values(items, QStringLiteral("component/releases/release"), QStringLiteral("version"));
        QVERIFY(!releases.isEmpty());
        QCOMPARE(releases.first(), QStringLiteral(DIMSTUDIO_VERSION));
    }

    void mimeDatabaseKnowsTheFilesByName_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("type");
        QTest::newRow("the spec the app saves") << QStringLiteral("inputs_spec.json") << kSpecType;
        QTest::newRow("other JSON stays JSON")
            << QStringLiteral("package.json") << QStringLiteral("application/json");
        QTest::newRow(".pt") << QStringLiteral("inputs.pt") << kTorchType;
        QTest::newRow(".pth") << QStringLiteral("state.pth") << kTorchType;
    }
    void mimeDatabaseKnowsTheFilesByName() {
        QFETCH(QString, name);
        QFETCH(QString, type);
        const QMimeType found =
            QMimeDatabase().mimeTypeForFile(name, QMimeDatabase::MatchExtension);
        QCOMPARE(found.name(), type);
    }

    void mimeDatabaseKnowsTheFilesByContent_data() {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("type");
        QTest::newRow("a saved spec")
            << QStringLiteral("cli/three_layers_flat_spec.json") << kSpecType;
        QTest::newRow("a spec under another name")
            << QStringLiteral("exported/llama.spec.json") << kSpecType;
        QTest::newRow("torch.save, zip") << QStringLiteral("pt/bare_tensor.pt") << kTorchType;
        QTest::newRow("torch.save, .bin")
            << QStringLiteral("pt/hybrid_cache_v449.bin") << kTorchType;
        QTest::newRow("torch.save, legacy")
            << QStringLiteral("pt/legacy_format_dict.pt") << kTorchType;
        QTest::newRow("a saved exported program is another zip")
            << QStringLiteral("exported/bart.t214.pt2") << QStringLiteral("application/zip");
    }
    void mimeDatabaseKnowsTheFilesByContent() {
        QFETCH(QString, fixture);
        QFETCH(QString, type);
        QFile file(fixtures::path(fixture));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const QMimeType found = QMimeDatabase().mimeTypeForData(&file);
        QCOMPARE(found.name(), type);
    }

    void installedProgramRuns() {
        const Run version = run(program(), {QStringLiteral("--version")});
        QCOMPARE(version.err, QString());
        QCOMPARE(version.exitCode, 0);
        QCOMPARE(version.out,
                 QStringLiteral("dimstudio %1\n").arg(QStringLiteral(DIMSTUDIO_VERSION)));
        const Run inspect = run(program(), {QStringLiteral("inspect"),
                                            fixtures::path(QStringLiteral("pt/bare_tensor.pt"))});
        QCOMPARE(inspect.err, QString());
        QCOMPARE(inspect.exitCode, 0);
        QCOMPARE(inspect.out.trimmed(),
                 fixtures::readText(QStringLiteral("pt/bare_tensor.type.txt")).trimmed());
    }

    // The module is looked for next to the program first (../lib/dimstudio),
    // before the build folder compiled in: the dynamic loader says which it opened.
    void installedProgramLoadsItsOwnTensorModule() {
#ifndef DIMSTUDIO_HAVE_TENSORDATA
        QSKIP("built without the LibTorch module (DIMSTUDIO_TENSOR_DATA=OFF)");
#else
        const QString fixture = fixtures::path(QStringLiteral("pt/bare_tensor.pt"));
        const QStringList args{QStringLiteral("inspect"), QStringLiteral("--values"), fixture};
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("DIMSTUDIO_TENSORDATA_MODULE"));
        const Run fromBuild = run(QStringLiteral(DIMSTUDIO_BINARY), args, environment);
        QCOMPARE(fromBuild.exitCode, 0);
        environment.insert(QStringLiteral("LD_DEBUG"), QStringLiteral("files"));
        const Run fromPrefix = run(program(), args, environment);
        QCOMPARE(fromPrefix.exitCode, 0);
        QCOMPARE(fromPrefix.out, fromBuild.out);
        const QString module = QFileInfo(m_prefix.path()).canonicalFilePath() +
                               QStringLiteral("/lib/dimstudio/libdimstudio_tensordata.so");
        QVERIFY2(fromPrefix.err.contains(QStringLiteral("file=") + module),
                 qPrintable(QStringLiteral("%1 not loaded").arg(module)));
        QVERIFY(!fromPrefix.err.contains(QStringLiteral(DIMSTUDIO_BUILD_DIR) +
                                         QStringLiteral("/core/tensordata/")));
#endif
    }
};

QTEST_GUILESS_MAIN(TestInstall)
#include "tst_install.moc"
