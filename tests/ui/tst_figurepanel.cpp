// The Figures dock as a desktop user meets it: Tab goes through it and out,
// the wheel scrolls it, its tool bar and context menus save both figures as
// PNG, SVG or PDF, and the legend's texts and colour are edited in place.
#include "ChecksPanel.h"
#include "ComparisonPanel.h"
#include "FigurePanel.h"
#include "LegendEditor.h"
#include "LegendPlot.h"
#include "LegendPreview.h"
#include "ShapeMapPlot.h"
#include "UiTestSupport.h"

#include <QApplication>
#include <QColorDialog>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolBar>
#include <QWheelEvent>

#include <functional>

using namespace ds;
using ui::figures::FigurePanel;

namespace {

constexpr int kMaxTabPresses = 40;

QDockWidget* figuresDock(ui::MainWindow& window) {
    return window.findChild<QDockWidget*>(QStringLiteral("figuresDock"));
}

FigurePanel* figurePanel(ui::MainWindow& window) {
    return window.findChild<FigurePanel*>();
}

// The seed's window with its reference (as the bundled example opens) at the
// size the user reported, the Figures tab raised and drawn.
std::unique_ptr<ui::MainWindow> windowWithFigures() {
    auto window = uitest::openWindow();
    if (!window->comparison()->openReference(uitest::seedReference()))
        qFatal("cannot open the seed reference");
    window->resize(1024, 700);
    QDockWidget* dock = figuresDock(*window);
    dock->show();
    dock->raise();
    FigurePanel* panel = figurePanel(*window);
    if (!QTest::qWaitFor([&] { return panel->shapeMapPlot()->shapeMap().hasReference; }))
        qWarning("the shape map was not drawn");
    return window;
}

// Really on screen: not in a dock of a tab that is not the current one
// (QMainWindow moves those out of the window but keeps them "visible").
bool onScreen(const QWidget* widget) {
    return widget && widget->isVisible() && !widget->visibleRegion().isEmpty();
}

QString describe(const QWidget* widget) {
    if (!widget)
        return QStringLiteral("(none)");
    QString text = QString::fromLatin1(widget->metaObject()->className());
    if (!widget->accessibleName().isEmpty())
        text += QStringLiteral(" '%1'").arg(widget->accessibleName());
    for (const QWidget* p = widget; p; p = p->parentWidget())
        if (const auto* dock = qobject_cast<const QDockWidget*>(p)) {
            text += QStringLiteral(" in %1").arg(dock->windowTitle());
            break;
        }
    return text + (onScreen(widget) ? QString() : QStringLiteral(" [off screen]"));
}

// Presses `key` until the focus is back on `home`; every press must move the
// focus to a widget on screen not visited yet. Returns the widgets visited.
QList<QWidget*> walkFocus(QWidget* home, Qt::Key key, Qt::KeyboardModifiers modifiers,
                          QString* failure) {
    QList<QWidget*> visited;
    QStringList trail{describe(home)};
    for (int press = 0; press < kMaxTabPresses; ++press) {
        QWidget* before = QApplication::focusWidget();
        QTest::keyClick(before, key, modifiers);
        QWidget* now = QApplication::focusWidget();
        trail << describe(now);
        if (now == home)
            return visited;
        if (now == before || !onScreen(now) || visited.contains(now)) {
            *failure = QStringLiteral("press %1 went nowhere useful: %2")
                           .arg(press + 1)
                           .arg(trail.join(QStringLiteral(" -> ")));
            return visited;
        }
        visited << now;
    }
    *failure = QStringLiteral("not back after %1 presses: %2")
                   .arg(kMaxTabPresses)
                   .arg(trail.join(QStringLiteral(" -> ")));
    return visited;
}

// Answers the next modal dialog of type D with `answer`.
template <typename D> void answerNextDialog(std::function<void(D*)> answer) {
    auto* poll = new QTimer;
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, answer] {
        auto* dialog = qobject_cast<D*>(QApplication::activeModalWidget());
        if (!dialog || !dialog->isVisible())
            return;
        poll->stop();
        poll->deleteLater();
        answer(dialog);
        if (dialog->isVisible())
            dialog->reject(); // the answer failed: let the test go on to report it
    });
    poll->start();
}

bool isPng(const QString& path, QSize size) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.read(8).startsWith("\x89PNG\r\n\x1a\n"))
        return false;
    const QImage image(path);
    return !image.isNull() && image.size() == size;
}

QByteArray head(const QString& path, int bytes) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.read(bytes) : QByteArray();
}

// The shape map as saved: the whole figure, not the docked view of it.
QImage wholeShapeMap(const FigurePanel& panel) {
    ui::figures::ShapeMapPlot figure;
    figure.setShapeMap(panel.shapeMapPlot()->shapeMap());
    return figure.toPixmap(figure.width(), figure.height()).toImage();
}

void clickAction(QToolBar* bar, QAction* action) {
    QWidget* button = bar->widgetForAction(action);
    QVERIFY(button && onScreen(button));
    QTest::mouseClick(button, Qt::LeftButton);
}

QMenu* openContextMenu(QWidget* widget) {
    const QPoint pos = widget->rect().center();
    QContextMenuEvent event(QContextMenuEvent::Mouse, pos, widget->mapToGlobal(pos));
    QApplication::sendEvent(widget, &event);
    QMenu* menu = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        for (QWidget* top : QApplication::topLevelWidgets())
            if (auto* m = qobject_cast<QMenu*>(top); m && m->isVisible())
                menu = m;
        return menu != nullptr;
    });
    return shown ? menu : nullptr;
}

} // namespace

class FigurePanelTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolateSettings(); }
    void init() { QSettings().clear(); }
    void tabGoesThroughVisibleWidgetsAndBack_data();
    void tabGoesThroughVisibleWidgetsAndBack();
    void wheelOverTheShapeMapScrollsIt();
    void clickedMapScrollsWithTheKeys();
    void shapeMapReadableAtTheDockedSize();
    void saveShapeMapButtonAsksWhereAndWrites();
    void savesEveryFormatFromTheToolBar_data();
    void savesEveryFormatFromTheToolBar();
    void contextMenusSaveTheirFigure();
    void failedSaveNamesTheFile();
    void legendEditsRedrawAndSaveWhatIsShown();
    void cancelledColourPutsTheOldOneBack();
    void legendIsRemembered();

private:
    QTemporaryDir m_dir;
};

void FigurePanelTest::tabGoesThroughVisibleWidgetsAndBack_data() {
    QTest::addColumn<QString>("dock");
    QTest::addColumn<int>("figureTab");
    QTest::newRow("Figures, shape map") << QStringLiteral("figuresDock") << 0;
    QTest::newRow("Figures, legend") << QStringLiteral("figuresDock") << 1;
    QTest::newRow("Checks") << QStringLiteral("checksDock") << 0;
}

void FigurePanelTest::tabGoesThroughVisibleWidgetsAndBack() {
    QFETCH(QString, dock);
    QFETCH(int, figureTab);
    auto window = windowWithFigures();
    FigurePanel* panel = figurePanel(*window);
    panel->tabs()->setCurrentIndex(figureTab);
    window->findChild<QDockWidget*>(dock)->raise();
    QTRY_VERIFY(onScreen(window->findChild<QDockWidget*>(dock)->widget()));
    QWidget* tree = window->tree();
    tree->setFocus(Qt::OtherFocusReason);
    QTRY_COMPARE(QApplication::focusWidget(), tree);

    QString failure;
    const QList<QWidget*> forward = walkFocus(tree, Qt::Key_Tab, Qt::NoModifier, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(QApplication::focusWidget(), tree);
    // The raised panel is on the way; plots take no focus, their scroll areas do.
    QList<QWidget*> expected;
    if (dock == QLatin1String("checksDock"))
        expected << window->checks()->list();
    else if (figureTab == 0)
        expected << panel->tabs()->tabBar() << panel->shapeMapScrollArea();
    else
        expected << panel->tabs()->tabBar() << panel->legendEditor()->textEdit()
                 << panel->legendEditor()->bottomTextEdit() << panel->legendEditor()->colorButton()
                 << panel->legendEditor()->sizeBox();
    for (QWidget* widget : expected)
        QVERIFY2(forward.contains(widget), qPrintable(describe(widget)));
    for (QWidget* widget : forward)
        QVERIFY2(!qobject_cast<QCustomPlot*>(widget), qPrintable(describe(widget)));

    // Shift+Tab walks the same widgets backwards.
    const QList<QWidget*> backward = walkFocus(tree, Qt::Key_Backtab, Qt::ShiftModifier, &failure);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QList<QWidget*> reversed(forward.rbegin(), forward.rend());
    QCOMPARE(backward, reversed);
}

void FigurePanelTest::wheelOverTheShapeMapScrollsIt() {
    auto window = windowWithFigures();
    FigurePanel* panel = figurePanel(*window);
    QScrollBar* bar = panel->shapeMapScrollArea()->verticalScrollBar();
    QVERIFY2(bar->maximum() > 0, "the shape map fits: nothing to scroll");
    QCOMPARE(bar->value(), 0);

    QWidget* plot = panel->shapeMapPlot();
    const QPointF pos = plot->rect().center();
    QWheelEvent down(pos, plot->mapToGlobal(pos), QPoint(), QPoint(0, -120), Qt::NoButton,
                     Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(plot, &down);
    QVERIFY(bar->value() > 0);
    const int scrolled = bar->value();
    QWheelEvent up(pos, plot->mapToGlobal(pos), QPoint(), QPoint(0, 120), Qt::NoButton,
                   Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(plot, &up);
    QVERIFY(bar->value() < scrolled);
}

void FigurePanelTest::clickedMapScrollsWithTheKeys() {
    auto window = windowWithFigures();
    FigurePanel* panel = figurePanel(*window);
    QScrollArea* area = panel->shapeMapScrollArea();
    QTest::mouseClick(panel->shapeMapPlot(), Qt::LeftButton, {}, QPoint(5, 5));
    QTRY_COMPARE(QApplication::focusWidget(), area); // the plot passes the click focus up
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_PageDown);
    QVERIFY(area->verticalScrollBar()->value() > 0);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_PageUp);
    QCOMPARE(area->verticalScrollBar()->value(), 0);
}

void FigurePanelTest::shapeMapReadableAtTheDockedSize() {
    auto window = windowWithFigures();
    FigurePanel* panel = figurePanel(*window);
    QCOMPARE(panel->tabs()->currentIndex(), 0); // the shape map, not the legend, comes first
    // Under the title, summary and legend, the first rows of cells are in view.
    const QRect viewport = panel->shapeMapScrollArea()->viewport()->rect();
    const QRect secondRow = panel->shapeMapPlot()->cellRect(1, 0);
    QVERIFY2(viewport.height() >= secondRow.bottom(),
             qPrintable(QStringLiteral("viewport %1 px high, second row ends at %2")
                            .arg(viewport.height())
                            .arg(secondRow.bottom())));
    // Nothing to scroll sideways: the summary wraps rather than widen the figure.
    QVERIFY2(panel->shapeMapPlot()->width() <= viewport.width(),
             qPrintable(QStringLiteral("figure %1 px wide in a viewport of %2")
                            .arg(panel->shapeMapPlot()->width())
                            .arg(viewport.width())));
    QVERIFY(panel->shapeMapPlot()->shapeMap().summary.size() > 60); // a summary worth wrapping

    // Given more room, the summary takes one line again: the map gets shorter.
    const int wrappedHeight = panel->shapeMapPlot()->height();
    window->resize(1800, 700);
    QTRY_VERIFY(panel->shapeMapPlot()->height() < wrappedHeight);
    QVERIFY(panel->shapeMapPlot()->width() <= panel->shapeMapScrollArea()->viewport()->width());
}

void FigurePanelTest::saveShapeMapButtonAsksWhereAndWrites() {
    auto window = windowWithFigures();
    FigurePanel* panel = figurePanel(*window);
    const QString target = m_dir.filePath(QStringLiteral("from-the-dialog.png"));
    QString proposedFolder;
    QString proposedName;
    QStringList filters;
    answerNextDialog<QFileDialog>([&](QFileDialog* dialog) {
        proposedFolder = dialog->directory().absolutePath();
        proposedName = QFileInfo(dialog->selectedFiles().value(0)).fileName();
        filters = dialog->nameFilters();
        // As a user does: type the file's name, press Enter.
        auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
        QVERIFY(name);
        name->setText(target);
        QTest::keyClick(name, Qt::Key_Return);
    });
    clickAction(panel->toolBar(), panel->saveShapeMapAction());

    // It started beside the inputs, with a name made from theirs.
    QCOMPARE(proposedFolder, QFileInfo(uitest::seedInputs()).absolutePath());
    QCOMPARE(proposedName, QStringLiteral("seed_static_cache_v449_shape_map.png"));
    QCOMPARE(filters.size(), 3);
    const QImage whole = wholeShapeMap(*panel);
    QVERIFY2(isPng(target, whole.size()), qPrintable(panel->messageLine()->text()));
    // The file has the title and full legend the dock leaves out to save room.
    QVERIFY(whole.height() > panel->shapeMapPlot()->height());
    QCOMPARE(QImage(target).convertToFormat(QImage::Format_RGB32),
             whole.convertToFormat(QImage::Format_RGB32));
    QVERIFY(panel->messageLine()->isVisible());
    QVERIFY(panel->messageLine()->text().contains(QDir::toNativeSeparators(target)));
}

void FigurePanelTest::savesEveryFormatFromTheToolBar_data() {
    QTest::addColumn<bool>("legend");
    QTest::addColumn<QString>("suffix");
    for (bool legend : {false, true})
        for (const char* suffix : {"png", "svg", "pdf"})
            QTest::addRow("%s.%s", legend ? "legend" : "shape_map", suffix)
                << legend << QString::fromLatin1(suffix);
}

void FigurePanelTest::savesEveryFormatFromTheToolBar() {
    QFETCH(bool, legend);
    QFETCH(QString, suffix);
    auto window = windowWithFigures();
    FigurePanel* panel = figurePanel(*window);
    const QString path = m_dir.filePath(QStringLiteral("%1.%2")
                                            .arg(QLatin1String(QTest::currentDataTag()))
                                            .arg(suffix)
                                            .replace(QLatin1Char('/'), QLatin1Char('_')));
    QString caption;
    panel->setFileChooser([&](QWidget*, const ui::figures::FigureSaveRequest& request) {
        caption = request.caption;
        return path;
    });
    clickAction(panel->toolBar(), legend ? panel->saveLegendAction() : panel->saveShapeMapAction());
    QVERIFY(caption.contains(legend ? QStringLiteral("Legend") : QStringLiteral("Shape Map")));

    const QSize size = legend ? panel->legendPlot()->figureSize() : wholeShapeMap(*panel).size();
    if (suffix == QLatin1String("png"))
        QVERIFY(isPng(path, size));
    else if (suffix == QLatin1String("svg"))
        QVERIFY(head(path, 400).contains("<svg"));
    else
        QVERIFY(head(path, 8).startsWith("%PDF"));
    QVERIFY(panel->messageLine()->text().startsWith(QStringLiteral("Saved")));
}

void FigurePanelTest::contextMenusSaveTheirFigure() {
    auto window = windowWithFigures();
    FigurePanel* panel = figurePanel(*window);
    QString path;
    panel->setFileChooser([&](QWidget*, const ui::figures::FigureSaveRequest&) { return path; });

    path = m_dir.filePath(QStringLiteral("context-map.png"));
    QMenu* menu = openContextMenu(panel->shapeMapPlot());
    QVERIFY(menu);
    QCOMPARE(menu->actions().value(0), panel->saveShapeMapAction());
    QTest::mouseClick(menu, Qt::LeftButton, {},
                      menu->actionGeometry(panel->saveShapeMapAction()).center());
    QVERIFY(isPng(path, wholeShapeMap(*panel).size()));

    panel->tabs()->setCurrentIndex(1);
    path = m_dir.filePath(QStringLiteral("context-legend.png"));
    menu = openContextMenu(panel->legendPreview());
    QVERIFY(menu);
    QCOMPARE(menu->actions().value(0), panel->saveLegendAction());
    QTest::mouseClick(menu, Qt::LeftButton, {},
                      menu->actionGeometry(panel->saveLegendAction()).center());
    QVERIFY(isPng(path, panel->legendPlot()->figureSize()));
}

void FigurePanelTest::failedSaveNamesTheFile() {
    auto window = windowWithFigures();
    FigurePanel* panel = figurePanel(*window);
    const QString path = m_dir.filePath(QStringLiteral("no/such/folder/map.png"));
    panel->setFileChooser([&](QWidget*, const ui::figures::FigureSaveRequest&) { return path; });
    clickAction(panel->toolBar(), panel->saveShapeMapAction());
    const QString message = panel->messageLine()->text();
    QVERIFY(panel->messageLine()->isVisible());
    QVERIFY2(message.contains(path) && message.startsWith(QStringLiteral("Could not save")),
             qPrintable(message));
    QVERIFY(!message.contains(QLatin1Char('\n')));
    QVERIFY(!QFile::exists(path));

    // Cancelling the dialog writes nothing and says nothing new.
    panel->setFileChooser(
        [](QWidget*, const ui::figures::FigureSaveRequest&) { return QString(); });
    clickAction(panel->toolBar(), panel->saveLegendAction());
    QCOMPARE(panel->messageLine()->text(), message);
}

void FigurePanelTest::legendEditsRedrawAndSaveWhatIsShown() {
    auto window = windowWithFigures();
    FigurePanel* panel = figurePanel(*window);
    QTabBar* tabs = panel->tabs()->tabBar();
    QTest::mouseClick(tabs, Qt::LeftButton, {}, tabs->tabRect(1).center());
    QCOMPARE(panel->tabs()->currentIndex(), 1);
    ui::figures::LegendEditor* editor = panel->legendEditor();

    QPlainTextEdit* text = editor->textEdit();
    text->setFocus();
    text->selectAll();
    QTest::keyClicks(text, QStringLiteral("batch"));
    QTest::keyClick(text, Qt::Key_Return);
    QTest::keyClicks(text, QStringLiteral("seq"));
    QCOMPARE(panel->legendPlot()->figure().text, QStringLiteral("batch\nseq"));
    QLineEdit* bottom = editor->bottomTextEdit();
    bottom->selectAll();
    QTest::keyClicks(bottom, QStringLiteral("DimStudio"));
    QCOMPARE(panel->legendPlot()->figure().bottomText, QStringLiteral("DimStudio"));

    // The preview shows the whole figure, scaled down if the dock is short.
    ui::figures::LegendPreview* preview = panel->legendPreview();
    QVERIFY(onScreen(preview));
    const QSize shown = panel->legendPlot()->figureSize() * preview->scale();
    QVERIFY(shown.width() <= preview->width() && shown.height() <= preview->height());
    const QPoint boxCentre = panel->legendPlot()->boxRect().center().toPoint();
    auto previewBox = [&] {
        return preview->grab().toImage().pixelColor(boxCentre * preview->scale());
    };
    QVERIFY(previewBox().green() > previewBox().blue());

    QString path;
    panel->setFileChooser([&](QWidget*, const ui::figures::FigureSaveRequest&) { return path; });
    path = m_dir.filePath(QStringLiteral("legend-green.png"));
    clickAction(panel->toolBar(), panel->saveLegendAction());
    const QImage green(path);
    QVERIFY(!green.isNull());

    QTest::mouseClick(editor->colorButton(), Qt::LeftButton);
    QColorDialog* dialog = editor->colorDialog();
    QVERIFY(dialog && dialog->isVisible());
    dialog->setCurrentColor(QColor(0, 0, 255));
    QCOMPARE(panel->legendPlot()->figure().color, QColor(0, 0, 255)); // previewed at once
    QVERIFY(previewBox().blue() > previewBox().green());
    dialog->accept();
    QTRY_VERIFY(!editor->colorDialog());
    QCOMPARE(panel->legendPlot()->figure().color, QColor(0, 0, 255));
    QVERIFY(editor->colorButton()->text().contains(QStringLiteral("#0000ff")));

    path = m_dir.filePath(QStringLiteral("legend-blue.png"));
    clickAction(panel->toolBar(), panel->saveLegendAction());
    const QImage blue(path);
    QCOMPARE(blue.size(), green.size());
    // The box's fill is the colour at half opacity over white.
    const QPoint box = panel->legendPlot()->boxRect().toRect().topLeft() + QPoint(3, 3);
    const QColor before = green.pixelColor(box);
    const QColor after = blue.pixelColor(box);
    QVERIFY2(before.green() > before.blue() && after.blue() > after.green(),
             qPrintable(before.name() + QLatin1Char(' ') + after.name()));
    QVERIFY(green != blue);
}

void FigurePanelTest::cancelledColourPutsTheOldOneBack() {
    auto window = windowWithFigures();
    FigurePanel* panel = figurePanel(*window);
    panel->tabs()->setCurrentIndex(1);
    ui::figures::LegendEditor* editor = panel->legendEditor();
    const QColor before = panel->legendPlot()->figure().color;
    QTest::mouseClick(editor->colorButton(), Qt::LeftButton);
    QVERIFY(editor->colorDialog());
    editor->colorDialog()->setCurrentColor(QColor(255, 0, 0));
    QCOMPARE(panel->legendPlot()->figure().color, QColor(255, 0, 0));
    editor->colorDialog()->reject();
    QCOMPARE(panel->legendPlot()->figure().color, before);
}

void FigurePanelTest::legendIsRemembered() {
    {
        auto window = windowWithFigures();
        ui::figures::LegendEditor* editor = figurePanel(*window)->legendEditor();
        editor->bottomTextEdit()->setText(QStringLiteral("kept"));
        editor->sizeBox()->setValue(300);
    }
    auto window = windowWithFigures();
    const ds::figures::LegendFigure figure = figurePanel(*window)->legendFigure();
    QCOMPARE(figure.bottomText, QStringLiteral("kept"));
    QCOMPARE(figure.sizePx, 300);
    QCOMPARE(figurePanel(*window)->legendPlot()->figureSize(), QSize(300, 300));
}

QTEST_MAIN(FigurePanelTest)
#include "tst_figurepanel.moc"
