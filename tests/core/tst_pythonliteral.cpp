#include "text/PrettyPrinter.h"
#include "text/PythonLiteralParser.h"

#include <QtTest>

using namespace ds;

// The Python text users paste: what it reads, and where it says it stopped.
class PythonLiteralTest : public QObject {
    Q_OBJECT
private slots:
    void readsSpecForms_data();
    void readsSpecForms();
    void errorsNameLineAndColumn_data();
    void errorsNameLineAndColumn();
};

void PythonLiteralTest::readsSpecForms_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("repr");
    QTest::newRow("seed reference")
        << "{'input_ids': {0: Dim('batch', min=1, max=1024), 1: 'seq_length'}}"
        << "{'input_ids': {0: Dim('batch', min=1, max=1024), 1: 'seq_length'}}";
    QTest::newRow("torch.export.Dim") << "{0: torch.export.Dim(\"b\", max=8)}"
                                      << "{0: Dim('b', max=8)}";
    QTest::newRow("hints") << "(Dim.AUTO, Dim.DYNAMIC(min=2), torch.export.Dim.STATIC)"
                           << "(Dim.AUTO, Dim.DYNAMIC(min=2), Dim.STATIC)";
    QTest::newRow("derived") << "x = Dim('x')\n{0: 2*x + 1, 1: x - 1, 2: 3 * x}"
                             << "{0: 2*x + 1, 1: x - 1, 2: 3*x}";
    QTest::newRow("snippet with imports")
        << "from torch.export import Dim\n\nbatch = Dim(\"batch\", min=1)\ndynamic_shapes = {\n  "
           "'a': {0: batch},\n}\n"
        << "{'a': {0: Dim('batch', min=1)}}";
    QTest::newRow("tuple forms") << "((), (1,), (1, 2), [None, True, False])"
                                 << "((), (1,), (1, 2), [None, True, False])";
    QTest::newRow("implicit concatenation") << "('ab' 'cd',)"
                                            << "('abcd',)";
    QTest::newRow("comments and continuation") << "{  # inputs\n 'a': None,  # leaf\n}"
                                               << "{'a': None}";
    QTest::newRow("escapes") << R"(['\n\t\x41\u00e9', r'\d'])"
                             << R"(['\n\tAé', '\\d'])";
}

void PythonLiteralTest::readsSpecForms() {
    QFETCH(QString, text);
    QFETCH(QString, repr);
    auto value = text::parsePythonLiteral(text);
    QVERIFY2(value.ok(), qPrintable(value.ok() ? QString() : value.error().toString()));
    QCOMPARE(value.value()->repr(), repr);
}

void PythonLiteralTest::errorsNameLineAndColumn_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("where");
    QTest::newRow("missing colon") << "{'a' 1}"
                                   << "unexpected '1', expected ':'"
                                   << "line 1, column 6";
    QTest::newRow("unclosed dict on line 3") << "{\n 'a': {0: 'x'},\n 'b': {0: 'y'}"
                                             << "unexpected end of text"
                                             << "line 3, column 15";
    QTest::newRow("unclosed string") << "{'a': 'x}"
                                     << "string not closed"
                                     << "line 1, column 7";
    QTest::newRow("unknown name") << "{0: batch}"
                                  << "unknown name 'batch'"
                                  << "line 1, column 5";
    QTest::newRow("Dim without name") << "Dim(min=1)"
                                      << "Dim(...) needs a name"
                                      << "line 1, column 1";
    QTest::newRow("bad hint") << "Dim.MAYBE"
                              << "unknown hint Dim.MAYBE"
                              << "line 1, column 1";
    QTest::newRow("bad argument") << "Dim('x', low=1)"
                                  << "unknown argument 'low'"
                                  << "line 1, column 10";
    QTest::newRow("list as key") << "{[1]: 2}"
                                 << "a dict key cannot be a list"
                                 << "line 1, column 5";
    QTest::newRow("stray character") << "{0: 'x'} $"
                                     << "unexpected character '$'"
                                     << "line 1, column 10";
    QTest::newRow("two values on a line") << "{} {}"
                                          << "unexpected '{'"
                                          << "line 1, column 4";
    QTest::newRow("bad derived") << "x = Dim('x')\n{0: x * x}"
                                 << "'*' needs an integer and a Dim"
                                 << "line 2, column 7";
    QTest::newRow("empty") << "   \n"
                           << "the text is empty"
                           << "line 1, column 1";
}

void PythonLiteralTest::errorsNameLineAndColumn() {
    QFETCH(QString, text);
    QFETCH(QString, message);
    QFETCH(QString, where);
    auto value = text::parsePythonLiteral(text);
    QVERIFY(!value.ok());
    QVERIFY2(value.error().message.contains(message), qPrintable(value.error().message));
    QCOMPARE(value.error().where, where);
}

QTEST_GUILESS_MAIN(PythonLiteralTest)
#include "tst_pythonliteral.moc"
