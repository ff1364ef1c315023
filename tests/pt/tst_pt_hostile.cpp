#include "CliRunner.h"
#include "FixtureFiles.h"
#include "formats/InputFormats.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/resource.h>

using namespace ds;

// The hostile corpus (tests/fixtures/hostile, made by make_hostile.py): every
// file is refused with the error its .expected names, quickly, in bounded
// memory, and without anything being written or run.
class PtHostileTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void refusedWithExpectedError_data();
    void refusedWithExpectedError();
    void commandLineRefusesWithExpectedError_data() { refusedWithExpectedError_data(); }
    void commandLineRefusesWithExpectedError();
    void nothingWasWrittenOrRun();
    void memoryStayedBounded();
    void missingFileIsAnError();

private:
    QTemporaryDir m_workDir;
};

void PtHostileTest::initTestCase() {
    // Anything a file managed to write relative to the working directory
    // would land here, where nothingWasWrittenOrRun() looks.
    QVERIFY(m_workDir.isValid());
    QVERIFY(QDir::setCurrent(m_workDir.path()));
    QFile::remove(QStringLiteral("/tmp/dimstudio_pwned"));
}

void PtHostileTest::refusedWithExpectedError_data() {
    QTest::addColumn<QString>("file");
    const QStringList files = fixtures::savedFiles(QStringLiteral("hostile"));
    QVERIFY(files.size() >= 60);
    for (const QString& f : files)
        QTest::newRow(qPrintable(f)) << f;
}

void PtHostileTest::refusedWithExpectedError() {
    QFETCH(QString, file);
    const QString path = fixtures::path(QStringLiteral("hostile/") + file);
    const QString expected =
        fixtures::readText(QStringLiteral("hostile/%1.expected").arg(fixtures::stem(file)))
            .trimmed();
    QVERIFY(!expected.isEmpty());

    QElapsedTimer timer;
    timer.start();
    auto loaded = formats::openInputs(path);
    const qint64 ms = timer.elapsed();

    QVERIFY2(!loaded.ok(), "a hostile file opened");
    const Error& error = loaded.error();
    QVERIFY2(error.toString().contains(expected),
             qPrintable(QStringLiteral("expected \"%1\" in: %2").arg(expected, error.toString())));
    QCOMPARE(error.file, path);
    QVERIFY2(ms < 5000, qPrintable(QStringLiteral("took %1 ms").arg(ms)));
}

// The same corpus through the entry users take: `dimstudio inspect FILE`
// says what is wrong on exactly one line of stderr, naming the file, and
// exits 2 with nothing on stdout.
void PtHostileTest::commandLineRefusesWithExpectedError() {
    QFETCH(QString, file);
    const QString path = fixtures::path(QStringLiteral("hostile/") + file);
    const QString expected =
        fixtures::readText(QStringLiteral("hostile/%1.expected").arg(fixtures::stem(file)))
            .trimmed();
    const CliRun run = runDimStudio({QStringLiteral("inspect"), path});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.out, QString());
    const QStringList lines = run.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1);
    const QString prefix = QStringLiteral("dimstudio: error: %1: ").arg(path);
    QVERIFY2(lines.first().startsWith(prefix), qPrintable(lines.first()));
    QVERIFY2(lines.first().contains(expected),
             qPrintable(QStringLiteral("expected \"%1\" in: %2").arg(expected, lines.first())));
}

void PtHostileTest::nothingWasWrittenOrRun() {
    QCOMPARE(
        QDir(m_workDir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
        QStringList());
    QVERIFY(!QFile::exists(QStringLiteral("/tmp/dimstudio_pwned")));
}

void PtHostileTest::memoryStayedBounded() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const qint64 peakMiB = usage.ru_maxrss / 1024;
    qInfo("peak resident memory after the whole corpus: %lld MiB", peakMiB);
    QVERIFY2(peakMiB < 1536, qPrintable(QStringLiteral("%1 MiB").arg(peakMiB)));
}

void PtHostileTest::missingFileIsAnError() {
    auto loaded = formats::openInputs(QStringLiteral("/nonexistent/dimstudio/file.pt"));
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().message, QStringLiteral("no such file"));
    QCOMPARE(loaded.error().file, QStringLiteral("/nonexistent/dimstudio/file.pt"));
}

QTEST_GUILESS_MAIN(PtHostileTest)
#include "tst_pt_hostile.moc"
