#include "CliRunner.h"
#include "FixtureFiles.h"
#include "formats/InputFormats.h"
#include "runner/VerifyRequest.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/resource.h>

using namespace ds;

namespace {
// The time bounds are the README's for a release build; a sanitized Debug
// build runs the same work several times slower.
#ifdef DIMSTUDIO_SANITIZED
constexpr qint64 kSlowdown = 5;
#else
constexpr qint64 kSlowdown = 1;
#endif
} // namespace

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
    void opensWithinBounds_data();
    void opensWithinBounds();
    void unrecognisedNamesNeedTrustForTheRunner();
    void memoryCeilingIsAnErrorNotACrash();
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
    QVERIFY2(ms < 5000 * kSlowdown, qPrintable(QStringLiteral("took %1 ms").arg(ms)));
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
    // Located, and nothing from the file reaches the terminal raw: newlines,
    // ESC, BEL and NUL are printed as escapes.
    QVERIFY2(lines.first().contains(QStringLiteral(" (at ")), qPrintable(lines.first()));
    for (const QChar c : run.err.chopped(1))
        QVERIFY2(c.unicode() >= 0x20 && c.unicode() != 0x7f,
                 qPrintable(QStringLiteral("control character 0x%1 in: %2")
                                .arg(c.unicode(), 2, 16, QLatin1Char('0'))
                                .arg(lines.first())));
}

// tests/fixtures/hostile_opens: files built to cost much but that a reader
// must open (as documented, with the warning .expected names). Every command
// answers within the README's bounds: under a 1 GiB memory ceiling (our own,
// DIMSTUDIO_MEMORY_LIMIT) and in less than 10 s.
void PtHostileTest::opensWithinBounds_data() {
    QTest::addColumn<QString>("file");
    const QStringList files = fixtures::savedFiles(QStringLiteral("hostile_opens"));
    QVERIFY(files.size() >= 7);
    for (const QString& f : files)
        QTest::newRow(qPrintable(f)) << f;
}

void PtHostileTest::opensWithinBounds() {
    QFETCH(QString, file);
    const QString path = fixtures::path(QStringLiteral("hostile_opens/") + file);
    const QString expected =
        fixtures::readText(QStringLiteral("hostile_opens/%1.expected").arg(fixtures::stem(file)))
            .trimmed();
    auto loaded = formats::openInputs(path);
    QVERIFY2(loaded.ok(), qPrintable(loaded ? QString() : loaded.error().toString()));
    if (!expected.isEmpty())
        QVERIFY2(loaded.value().warnings.join(QLatin1Char('|')).contains(expected),
                 qPrintable(loaded.value().warnings.join(QLatin1Char('|'))));

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DIMSTUDIO_MEMORY_LIMIT"), QStringLiteral("1024"));
    const QList<QStringList> commands = {
        {QStringLiteral("inspect"), path},
        {QStringLiteral("inspect"), QStringLiteral("--values"), path},
        {QStringLiteral("spec"), path},
        {QStringLiteral("check"), path},
    };
    for (const QStringList& command : commands) {
        QElapsedTimer timer;
        timer.start();
        const CliRun run = runDimStudio(command, env);
        const qint64 ms = timer.elapsed();
        const QString what = command.join(QLatin1Char(' '));
        QVERIFY2(
            run.exitCode == 0 || (command.first() == QLatin1String("check") && run.exitCode == 1),
            qPrintable(QStringLiteral("%1: exit %2: %3").arg(what).arg(run.exitCode).arg(run.err)));
        QVERIFY2(ms < 10000 * kSlowdown,
                 qPrintable(QStringLiteral("%1 took %2 ms").arg(what).arg(ms)));
    }
}

// A name DimStudio does not recognise leaves a placeholder and a warning, and
// the export runner will not unpickle the file without --trust-pickle, even
// when the name left nothing in the tree (a tensor subclass).
void PtHostileTest::unrecognisedNamesNeedTrustForTheRunner() {
    for (const auto& [file, name] : std::vector<std::pair<QString, QString>>{
             {QStringLiteral("tensor_subclass_unknown_type.pt"), QStringLiteral("mymodule.Secret")},
             {QStringLiteral("unknown_module_placeholder.pt"),
              QStringLiteral("evil_but_unknown.Thing")}}) {
        auto loaded = formats::openInputs(fixtures::path(QStringLiteral("hostile_opens/") + file));
        QVERIFY(loaded.ok());
        QVERIFY(loaded.value().untrustedNames.contains(name));
        const Status refused = runner::checkLoadable(loaded.value(), false);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(name), qPrintable(refused.error().toString()));
        QVERIFY(runner::checkLoadable(loaded.value(), true).ok());
    }
}

// Running out of memory is exit 2 and one line naming the file, with
// mimalloc too (whose own operator new would abort): the ceiling is set low
// enough that reading 300,000 tensors from a type string reaches it.
void PtHostileTest::memoryCeilingIsAnErrorNotACrash() {
#ifdef DIMSTUDIO_SANITIZED
    QSKIP("sanitized builds set no memory ceiling (their shadow memory is terabytes of address "
          "space)");
#endif
    const QString path = m_workDir.filePath(QStringLiteral("many_tensors.txt"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray text = "(";
        for (int i = 0; i < 300000; ++i)
            text += i ? ",T1s2x3" : "T1s2x3";
        f.write(text + ")\n");
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DIMSTUDIO_MEMORY_LIMIT"), QStringLiteral("64"));
    const CliRun low = runDimStudio({QStringLiteral("spec"), path}, env);
    QCOMPARE(low.exitCode, 2);
    const QStringList lines = low.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1);
    QVERIFY2(
        lines.first().startsWith(QStringLiteral("dimstudio: error: %1: out of memory").arg(path)),
        qPrintable(lines.first()));
    QVERIFY2(lines.first().contains(QStringLiteral("DIMSTUDIO_MEMORY_LIMIT")),
             qPrintable(lines.first()));
    env.insert(QStringLiteral("DIMSTUDIO_MEMORY_LIMIT"), QStringLiteral("0"));
    const CliRun unlimited = runDimStudio({QStringLiteral("spec"), path}, env);
    QCOMPARE(unlimited.exitCode, 0);
    QVERIFY(QFile::remove(path));
    env.insert(QStringLiteral("DIMSTUDIO_MEMORY_LIMIT"), QStringLiteral("lots"));
    const CliRun bad = runDimStudio({QStringLiteral("--version")}, env);
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains(QStringLiteral("DIMSTUDIO_MEMORY_LIMIT is \"lots\"")),
             qPrintable(bad.err));
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
