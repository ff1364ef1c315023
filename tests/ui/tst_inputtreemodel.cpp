// The input tree model: structure, edits through setData, undo/redo, and the
// rule that edits change rows (dataChanged) and never reset the model.
#include "UiTestSupport.h"
#include "itemmodels/InputFilterProxyModel.h"
#include "itemmodels/ShapeChips.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace ds;
using uitest::dimAt;

class InputTreeModelTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { uitest::isolateSettings(); }
    void testerAcceptsLoadTogglesRenamesUndoAndRedo();
    void rowsFollowTheExportTree();
    void dimensionRowsShowIndexSizeCheckboxNameAndBounds();
    void checkboxTogglesTheDimension();
    void typedNameRenamesOnlyThatDimension();
    void typedBoundsGoToEveryDimensionOfTheName_data();
    void typedBoundsGoToEveryDimensionOfTheName();
    void quickBoundEditsMergeIntoOneUndoStep();
    void editsEmitDataChangedOnTheirRowsOnly();
    void chipsShowSizesAndNames();
    void dimensionsSharingTheSelectedNameAreMarked();
    void filterKeepsMatchingRows_data();
    void filterKeepsMatchingRows();
    void topLevelTensorIsOneRow();
    void nameIndexFollowsEditsUndoAndRedo();
};

void InputTreeModelTest::testerAcceptsLoadTogglesRenamesUndoAndRedo() {
    document::DocumentContext context;
    itemmodels::InputTreeModel model(context);
    itemmodels::InputFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);

    context.setInputs(uitest::prepared(uitest::seedInputs()));
    QCOMPARE(model.rowCount(), 4);
    const spec::DimRef batch = dimAt(context, QStringLiteral("input_ids"), 0);
    QVERIFY(model.setData(model.dimIndex(batch), Qt::Unchecked, Qt::CheckStateRole));
    QVERIFY(model.setData(model.dimIndex(batch, itemmodels::InputTreeModel::SpecColumn),
                          QStringLiteral("batch")));
    context.renameDim(dimAt(context, QStringLiteral("attention_mask"), 0), QStringLiteral("batch"),
                      document::RenameScope::SameSizeAtPosition);
    proxy.setFilterQuery(QStringLiteral("96"));
    proxy.setFilterQuery(QString());
    while (context.undoStack().canUndo())
        context.undoStack().undo();
    while (context.undoStack().canRedo())
        context.undoStack().redo();
    context.setInputs(uitest::preparedTypeString(QStringLiteral("dict(x:T1s2x3,y:#2[T7s4,T7s5])")));
    QCOMPARE(model.rowCount(), 2);
}

void InputTreeModelTest::rowsFollowTheExportTree() {
    document::DocumentContext context;
    itemmodels::InputTreeModel model(context);
    context.setInputs(uitest::prepared(uitest::seedInputs()));
    QStringList names;
    for (int r = 0; r < model.rowCount(); ++r)
        names << model.index(r, 0).data().toString();
    QCOMPARE(names,
             (QStringList{"input_ids", "attention_mask", "cache_position", "past_key_values"}));
    const QModelIndex cache = model.index(3, 0);
    QCOMPARE(cache.siblingAtColumn(itemmodels::InputTreeModel::KindColumn).data().toString(),
             QStringLiteral("StaticCache"));
    QCOMPARE(model.rowCount(cache), 2); // key_cache, value_cache
    const QModelIndex key = model.index(0, 0, model.index(0, 0, cache));
    QCOMPARE(key.data().toString(), QStringLiteral("layer 0 key"));
    QCOMPARE(model.rowCount(key), 4); // one row per dimension
    QCOMPARE(model.parent(model.index(2, 0, key)), key);
    QCOMPARE(model.tensorIndex(3), key);
}

void InputTreeModelTest::dimensionRowsShowIndexSizeCheckboxNameAndBounds() {
    document::DocumentContext context;
    itemmodels::InputTreeModel model(context);
    context.setInputs(uitest::prepared(uitest::seedInputs()));
    const spec::DimRef ref = dimAt(context, QStringLiteral("attention_mask"), 3);
    context.renameDim(ref, QStringLiteral("hidden"), document::RenameScope::ThisDimension);
    context.setBounds(ref, 1, 512);
    QCOMPARE(model.dimIndex(ref).data().toString(), QStringLiteral("dim 3"));
    QCOMPARE(model.dimIndex(ref).data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    QCOMPARE(model.dimIndex(ref, itemmodels::InputTreeModel::ShapeColumn).data().toString(),
             QStringLiteral("96"));
    // The Spec column carries the bounds, as the preview's Dim() does.
    QCOMPARE(model.dimIndex(ref, itemmodels::InputTreeModel::SpecColumn).data().toString(),
             QStringLiteral("hidden (1..512)"));
    QCOMPARE(model.dimIndex(ref, itemmodels::InputTreeModel::MinColumn).data().toString(),
             QStringLiteral("1"));
    QCOMPARE(model.dimIndex(ref, itemmodels::InputTreeModel::MaxColumn).data().toString(),
             QStringLiteral("512"));
    QVERIFY(model.flags(model.dimIndex(ref)) & Qt::ItemIsUserCheckable);
    QVERIFY(model.flags(model.dimIndex(ref, itemmodels::InputTreeModel::SpecColumn)) &
            Qt::ItemIsEditable);
    QCOMPARE(model.dimRefAt(model.dimIndex(ref, itemmodels::InputTreeModel::MaxColumn)), ref);
}

void InputTreeModelTest::checkboxTogglesTheDimension() {
    document::DocumentContext context;
    itemmodels::InputTreeModel model(context);
    context.setInputs(uitest::prepared(uitest::seedInputs()));
    const spec::DimRef ref = dimAt(context, QStringLiteral("cache_position"), 0);
    const spec::ShapeSpec before = context.spec();
    QVERIFY(model.setData(model.dimIndex(ref), Qt::Unchecked, Qt::CheckStateRole));
    QVERIFY(!context.spec().dim(ref).isDynamic());
    QCOMPARE(context.spec().dynamicCount(), before.dynamicCount() - 1);
    QCOMPARE(context.undoStack().count(), 1);
    // Back on, it gets its old name again.
    QVERIFY(model.setData(model.dimIndex(ref), Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(context.spec(), before);
    context.undoStack().undo();
    context.undoStack().undo();
    QCOMPARE(context.spec(), before);
    QVERIFY(!context.isModified());
}

void InputTreeModelTest::typedNameRenamesOnlyThatDimension() {
    document::DocumentContext context;
    itemmodels::InputTreeModel model(context);
    context.setInputs(uitest::prepared(uitest::seedInputs()));
    const spec::DimRef ref = dimAt(context, QStringLiteral("input_ids"), 1);
    QVERIFY(model.setData(model.dimIndex(ref, itemmodels::InputTreeModel::SpecColumn),
                          QStringLiteral("seq")));
    QCOMPARE(context.spec().dim(ref).name, QStringLiteral("seq"));
    QCOMPARE(context.spec().dimsNamed(QStringLiteral("seq")).size(), size_t(1));
    QVERIFY(!model.setData(model.dimIndex(ref, itemmodels::InputTreeModel::SpecColumn),
                           QStringLiteral("not a name")));
    QCOMPARE(context.spec().dim(ref).name, QStringLiteral("seq"));
    // Typing nothing makes the dimension static.
    QVERIFY(model.setData(model.dimIndex(ref, itemmodels::InputTreeModel::SpecColumn), QString()));
    QVERIFY(!context.spec().dim(ref).isDynamic());
}

void InputTreeModelTest::typedBoundsGoToEveryDimensionOfTheName_data() {
    QTest::addColumn<QString>("min");
    QTest::addColumn<QString>("max");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("both") << "1"
                          << "1024" << true;
    QTest::newRow("only max") << ""
                              << "64" << true;
    QTest::newRow("max not above min") << "8"
                                       << "8" << false;
    QTest::newRow("not a number") << "x"
                                  << "" << false;
}

void InputTreeModelTest::typedBoundsGoToEveryDimensionOfTheName() {
    QFETCH(QString, min);
    QFETCH(QString, max);
    QFETCH(bool, accepted);
    document::DocumentContext context;
    itemmodels::InputTreeModel model(context);
    context.setInputs(uitest::prepared(uitest::seedInputs()));
    const spec::DimRef ref = dimAt(context, QStringLiteral("input_ids"), 0);
    context.renameDim(ref, QStringLiteral("batch"), document::RenameScope::SameSizeAtPosition);
    const bool minOk =
        model.setData(model.dimIndex(ref, itemmodels::InputTreeModel::MinColumn), min);
    const bool maxOk =
        model.setData(model.dimIndex(ref, itemmodels::InputTreeModel::MaxColumn), max);
    QCOMPARE(minOk && maxOk, accepted);
    if (!accepted)
        return;
    for (const spec::DimRef& other : context.spec().dimsNamed(QStringLiteral("batch"))) {
        QCOMPARE(model.dimIndex(other, itemmodels::InputTreeModel::MinColumn).data().toString(),
                 min);
        QCOMPARE(model.dimIndex(other, itemmodels::InputTreeModel::MaxColumn).data().toString(),
                 max);
    }
}

void InputTreeModelTest::quickBoundEditsMergeIntoOneUndoStep() {
    document::DocumentContext context;
    itemmodels::InputTreeModel model(context);
    context.setInputs(uitest::prepared(uitest::seedInputs()));
    const spec::DimRef ref = dimAt(context, QStringLiteral("input_ids"), 0);
    const int before = context.undoStack().count();
    QVERIFY(model.setData(model.dimIndex(ref, itemmodels::InputTreeModel::MinColumn),
                          QStringLiteral("1")));
    QVERIFY(model.setData(model.dimIndex(ref, itemmodels::InputTreeModel::MaxColumn),
                          QStringLiteral("128")));
    QCOMPARE(context.undoStack().count(), before + 1);
    context.undoStack().undo();
    QVERIFY(!context.spec().dim(ref).hasBounds());
}

void InputTreeModelTest::editsEmitDataChangedOnTheirRowsOnly() {
    document::DocumentContext context;
    itemmodels::InputTreeModel model(context);
    context.setInputs(uitest::prepared(uitest::seedInputs()));
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy layouts(&model, &QAbstractItemModel::layoutChanged);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    const spec::DimRef ref = dimAt(context, QStringLiteral("attention_mask"), 2);
    context.toggleDim(ref, false);
    context.undoStack().undo();
    context.undoStack().redo();
    QCOMPARE(resets.count(), 0);
    QCOMPARE(layouts.count(), 0);
    QVERIFY(!changes.isEmpty());
    const QModelIndex tensor = model.tensorIndex(ref.tensor);
    for (const QList<QVariant>& signal : changes) {
        const auto topLeft = signal[0].value<QModelIndex>();
        const auto bottomRight = signal[1].value<QModelIndex>();
        QCOMPARE(topLeft.parent(), bottomRight.parent());
        // The tensor's own row, or its dimension rows: nothing else.
        const bool tensorRow = topLeft.row() == tensor.row() && topLeft.parent() == tensor.parent();
        const bool dimRows = topLeft.parent() == tensor.siblingAtColumn(0);
        QVERIFY2(tensorRow || dimRows, qPrintable(topLeft.data().toString()));
    }
}

void InputTreeModelTest::chipsShowSizesAndNames() {
    document::DocumentContext context;
    itemmodels::InputTreeModel model(context);
    context.setInputs(uitest::prepared(uitest::seedInputs()));
    const int t = dimAt(context, QStringLiteral("attention_mask"), 0).tensor;
    context.replaceSpec(spec::ShapeSpec(context.tree()), QStringLiteral("all static"));
    context.renameDim({t, 0}, QStringLiteral("batch"), document::RenameScope::ThisDimension);
    context.renameDim({t, 2}, QStringLiteral("seq"), document::RenameScope::ThisDimension);
    const QModelIndex shape = model.tensorIndex(t, itemmodels::InputTreeModel::ShapeColumn);
    QCOMPARE(shape.data().toString(), QStringLiteral("batch \u00d7 1 \u00d7 seq \u00d7 96"));
    const auto chips =
        shape.data(itemmodels::Roles::ShapeChipsRole).value<itemmodels::ShapeChips>().chips;
    QCOMPARE(chips.size(), 4);
    QCOMPARE(chips[1].text, QStringLiteral("1"));
    QVERIFY(chips[2].dynamic && !chips[3].dynamic);
    QCOMPARE(model.tensorIndex(t, itemmodels::InputTreeModel::SpecColumn).data().toString(),
             QStringLiteral("{0: 'batch', 2: 'seq'}"));
}

void InputTreeModelTest::dimensionsSharingTheSelectedNameAreMarked() {
    document::DocumentContext context;
    itemmodels::InputTreeModel model(context);
    context.setInputs(uitest::prepared(uitest::seedInputs()));
    const spec::DimRef ids = dimAt(context, QStringLiteral("input_ids"), 0);
    const spec::DimRef mask = dimAt(context, QStringLiteral("attention_mask"), 0);
    const spec::DimRef other = dimAt(context, QStringLiteral("attention_mask"), 1);
    context.renameDim(ids, QStringLiteral("batch"), document::RenameScope::SameSizeAtPosition);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    context.setCurrentDim(ids);
    QVERIFY(!changes.isEmpty());
    QVERIFY(model.dimIndex(mask).data(itemmodels::Roles::SharedNameRole).toBool());
    QVERIFY(!model.dimIndex(other).data(itemmodels::Roles::SharedNameRole).toBool());
    QVERIFY(model.dimIndex(mask).data(Qt::BackgroundRole).isValid());
    const auto chips = model.tensorIndex(mask.tensor, itemmodels::InputTreeModel::ShapeColumn)
                           .data(itemmodels::Roles::ShapeChipsRole)
                           .value<itemmodels::ShapeChips>()
                           .chips;
    QVERIFY(chips[0].sharedName && !chips[1].sharedName);
    context.setCurrentDim(other);
    QVERIFY(!model.dimIndex(mask).data(itemmodels::Roles::SharedNameRole).toBool());
}

void InputTreeModelTest::filterKeepsMatchingRows_data() {
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("topLevel");
    QTest::newRow("name") << "mask" << QStringList{"attention_mask"};
    QTest::newRow("dtype") << "bool" << QStringList{"attention_mask"};
    QTest::newRow("whole shape") << "2x3" << QStringList{"input_ids"};
    QTest::newRow("shape with ×") << "2 \u00d7 1 \u00d7 3 \u00d7 96"
                                  << QStringList{"attention_mask"};
    QTest::newRow("one size") << "96" << QStringList{"attention_mask", "past_key_values"};
    QTest::newRow("cache class") << "StaticCache" << QStringList{"past_key_values"};
    QTest::newRow("dimension name") << "d_2_0" << QStringList{"cache_position"};
    QTest::newRow("nothing") << "zzz" << QStringList{};
}

void InputTreeModelTest::filterKeepsMatchingRows() {
    QFETCH(QString, query);
    QFETCH(QStringList, topLevel);
    document::DocumentContext context;
    itemmodels::InputTreeModel model(context);
    itemmodels::InputFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    context.setInputs(uitest::prepared(uitest::seedInputs()));
    proxy.setFilterQuery(query);
    QStringList shown;
    for (int r = 0; r < proxy.rowCount(); ++r)
        shown << proxy.index(r, 0).data().toString();
    QCOMPARE(shown, topLevel);
    // A matching tensor keeps all its dimension rows.
    if (query == QLatin1String("2x3"))
        QCOMPARE(proxy.rowCount(proxy.index(0, 0)), 2);
}

void InputTreeModelTest::topLevelTensorIsOneRow() {
    document::DocumentContext context;
    itemmodels::InputTreeModel model(context);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    context.setInputs(uitest::preparedTypeString(QStringLiteral("T1s2x3")));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowCount(model.index(0, 0)), 2);
    QCOMPARE(model.index(0, itemmodels::InputTreeModel::KindColumn).data().toString(),
             QStringLiteral("float32"));
}

void InputTreeModelTest::nameIndexFollowsEditsUndoAndRedo() {
    document::DocumentContext context;
    context.setInputs(uitest::prepared(uitest::seedInputs()));
    auto indexMatchesSpec = [&context] {
        for (const QString& name : context.spec().names())
            if (context.dimsNamed(name) != context.spec().dimsNamed(name))
                return false;
        return context.dimsNamed(QStringLiteral("d_0_0")) ==
               context.spec().dimsNamed(QStringLiteral("d_0_0"));
    };
    const spec::DimRef ids = dimAt(context, QStringLiteral("input_ids"), 0);
    context.renameDim(ids, QStringLiteral("batch"), document::RenameScope::SameSizeAtPosition);
    QVERIFY(indexMatchesSpec());
    QCOMPARE(context.dimsNamed(QStringLiteral("batch")).size(), size_t(4));
    context.toggleDim(ids, false);
    QVERIFY(indexMatchesSpec());
    context.renameDim(dimAt(context, QStringLiteral("cache_position"), 0), QStringLiteral("batch"),
                      document::RenameScope::ThisDimension);
    QVERIFY(indexMatchesSpec());
    while (context.undoStack().canUndo()) {
        context.undoStack().undo();
        QVERIFY(indexMatchesSpec());
    }
    QVERIFY(context.dimsNamed(QStringLiteral("batch")).empty());
    while (context.undoStack().canRedo()) {
        context.undoStack().redo();
        QVERIFY(indexMatchesSpec());
    }
}

QTEST_MAIN(InputTreeModelTest)
#include "tst_inputtreemodel.moc"
