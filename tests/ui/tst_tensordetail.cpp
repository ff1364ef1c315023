#include "TensorDetailPanel.h"
#include "UiTestSupport.h"

#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QtTest>

using namespace ds;

// The Tensor panel: clicking a tensor row shows what it is; "Summarise values"
// reads it on a worker thread and shows what `inspect --values` prints; Cancel
// drops the result; views built to cost minutes answer at once.
class TensorDetailTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolateSettings(); }
    void clickingATensorShowsItAndItsValues();
    void cancelDropsTheResult();
    void broadcastViewOfATrillionElementsAnswersAtOnce();
    void typeStringsHaveNoValues();

private:
    // Clicks the tensor's row in the tree, then shows the Tensor panel.
    static void selectTensor(ui::MainWindow& window, int tensor);
    static QString expectedSuffix(const QString& minmaxFile, int line);
};

void TensorDetailTest::selectTensor(ui::MainWindow& window, int tensor) {
    ui::InputTreeView* tree = window.tree();
    const QModelIndex index = tree->viewIndexOfTensor(tensor, 0);
    QVERIFY(index.isValid());
    tree->scrollTo(index);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(index).center());
    window.tensorDock()->show();
    window.tensorDock()->raise();
    QCOMPARE(window.tensorDetail()->tensor(), tensor);
}

QString TensorDetailTest::expectedSuffix(const QString& minmaxFile, int line) {
    QFile f(uitest::fixture(minmaxFile));
    if (!f.open(QIODevice::ReadOnly))
        return QString();
    const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
    const QString text = lines.value(line);
    return text.mid(text.indexOf(QLatin1Char('[')));
}

void TensorDetailTest::clickingATensorShowsItAndItsValues() {
    auto window = uitest::openWindow(uitest::fixture(QStringLiteral("values/dtypes.pt")));
    ui::TensorDetailPanel* panel = window->tensorDetail();
    QCOMPARE(panel->tensor(), -1);
    QVERIFY(!panel->summariseButton()->isEnabled());

    for (int tensor : {0, 1}) {
        selectTensor(*window, tensor);
        const auto* title = panel->findChild<QLabel*>(QStringLiteral("tensorDetailTitle"));
        QVERIFY2(title->text().contains(tensor == 0 ? QStringLiteral("float32")
                                                    : QStringLiteral("uint8")),
                 qPrintable(title->text()));
        QVERIFY(panel->summariseButton()->isEnabled());
        QTest::mouseClick(panel->summariseButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isSummarising(), 30000);
        QCOMPARE(panel->valuesLabel()->text(),
                 expectedSuffix(QStringLiteral("values/dtypes.minmax.txt"), tensor));
    }
    // Another tensor clears the values shown.
    selectTensor(*window, 2);
    QCOMPARE(panel->valuesLabel()->text(), QString());
}

void TensorDetailTest::cancelDropsTheResult() {
    auto window = uitest::openWindow(uitest::fixture(QStringLiteral("values/dtypes.pt")));
    ui::TensorDetailPanel* panel = window->tensorDetail();
    selectTensor(*window, 0);
    QSignalSpy finished(panel, &ui::TensorDetailPanel::summaryFinished);
    QTest::mouseClick(panel->summariseButton(), Qt::LeftButton);
    QVERIFY(panel->isSummarising());
    QVERIFY(panel->cancelButton()->isVisible());
    QVERIFY(!panel->summariseButton()->isEnabled());
    QTest::mouseClick(panel->cancelButton(), Qt::LeftButton);
    QVERIFY(!panel->isSummarising());
    QCOMPARE(panel->valuesLabel()->text(), QStringLiteral("Cancelled"));
    QCOMPARE(finished.count(), 1);
    // The worker's result arrives later and is dropped.
    QTest::qWait(1500);
    QCOMPARE(panel->valuesLabel()->text(), QStringLiteral("Cancelled"));
    QCOMPARE(finished.count(), 1);
    QVERIFY(panel->summariseButton()->isEnabled());
}

void TensorDetailTest::broadcastViewOfATrillionElementsAnswersAtOnce() {
    auto window =
        uitest::openWindow(uitest::fixture(QStringLiteral("hostile_opens/stride0_huge_view.pt")));
    ui::TensorDetailPanel* panel = window->tensorDetail();
    selectTensor(*window, 0);
    QElapsedTimer timer;
    timer.start();
    QTest::mouseClick(panel->summariseButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isSummarising(), 30000);
    QCOMPARE(panel->valuesLabel()->text(), QStringLiteral("[1.5,1.5:A1.5]"));
    QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
}

void TensorDetailTest::typeStringsHaveNoValues() {
    auto window = uitest::openWindow();
    auto loaded = uitest::preparedTypeString(QStringLiteral("(T1s2x3,T7s4)"));
    window->context().setInputs(std::move(loaded));
    selectTensor(*window, 1);
    QVERIFY(!window->tensorDetail()->summariseButton()->isEnabled());
}

QTEST_MAIN(TensorDetailTest)
#include "tst_tensordetail.moc"
