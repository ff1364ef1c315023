#include "TensorDetailPanel.h"

#include "document/DocumentContext.h"
#include "pt/TensorValues.h"
#include "spec/ExportTree.h"
#include "text/Plural.h"

#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace ds::ui {

namespace {

struct Summary {
    QString text;    // "[min,max:Amean]" as inspect --values prints it, or the error
    QString preview; // the first values
};

QString joinNumbers(const std::vector<qint64>& values, const QString& separator) {
    QStringList parts;
    for (qint64 v : values)
        parts << QString::number(v);
    return parts.join(separator);
}

QLabel* selectableLabel() {
    auto* label = new QLabel;
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

} // namespace

TensorDetailPanel::TensorDetailPanel(document::DocumentContext& context, QWidget* parent)
    : QWidget(parent), m_context(context) {
    auto* layout = new QVBoxLayout(this);
    m_title = selectableLabel();
    m_title->setObjectName(QStringLiteral("tensorDetailTitle"));
    layout->addWidget(m_title);
    m_form = new QFormLayout;
    m_dtype = selectableLabel();
    m_shape = selectableLabel();
    m_strides = selectableLabel();
    m_storage = selectableLabel();
    m_device = selectableLabel();
    m_form->addRow(tr("Element type"), m_dtype);
    m_form->addRow(tr("Shape"), m_shape);
    m_form->addRow(tr("Strides"), m_strides);
    m_form->addRow(tr("Storage"), m_storage);
    m_form->addRow(tr("Device"), m_device);
    layout->addLayout(m_form);

    auto* buttons = new QHBoxLayout;
    m_summarise = new QPushButton(tr("Summarise values"));
    m_summarise->setToolTip(tr("Reads this tensor's bytes and computes min, max and mean "
                               "(the LibTorch module, off the window's thread)"));
    m_cancel = new QPushButton(tr("Cancel"));
    m_busy = new QProgressBar;
    m_busy->setRange(0, 0); // busy: LibTorch's reductions report no progress
    m_busy->setMaximumWidth(160);
    buttons->addWidget(m_summarise);
    buttons->addWidget(m_busy);
    buttons->addWidget(m_cancel);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    m_values = selectableLabel();
    m_values->setObjectName(QStringLiteral("tensorValues"));
    m_values->setToolTip(tr("[min,max:Amean], as dimstudio inspect --values and onnx-diagnostic "
                            "print it (NaNs counted after the mean; complex tensors: of |x|)"));
    m_preview = selectableLabel();
    // Below the button that fills them.
    auto* values = new QFormLayout;
    values->addRow(tr("Values"), m_values);
    values->addRow(tr("First values"), m_preview);
    layout->addLayout(values);
    layout->addStretch(1);

    connect(m_summarise, &QPushButton::clicked, this, &TensorDetailPanel::summarise);
    connect(m_cancel, &QPushButton::clicked, this, &TensorDetailPanel::cancel);
    connect(&m_context, &document::DocumentContext::inputsChanged, this, [this] {
        m_reader.reset();
        m_readerPath.clear();
        showTensor(-1);
    });
    refresh();
}

TensorDetailPanel::~TensorDetailPanel() = default;

void TensorDetailPanel::showTensor(int tensor) {
    if (tensor == m_tensor && tensor >= 0)
        return;
    if (m_running)
        cancel();
    m_tensor = tensor;
    m_values->clear();
    m_preview->clear();
    refresh();
}

void TensorDetailPanel::refresh() {
    const bool valid =
        m_context.hasInputs() && m_tensor >= 0 && m_tensor < m_context.tree().tensorCount();
    m_busy->setVisible(m_running);
    m_cancel->setVisible(m_running);
    if (!valid) {
        m_title->setText(tr("Select a tensor in the tree to see its element type, strides, "
                            "storage and values."));
        for (QLabel* l : {m_dtype, m_shape, m_strides, m_storage, m_device})
            l->clear();
        m_summarise->setEnabled(false);
        return;
    }
    const spec::ExportNode* node = m_context.tree().tensorNode(m_tensor);
    const TensorInfo& t = node->tensor();
    m_title->setText(QStringLiteral("<b>%1</b>").arg(node->flatName.toHtmlEscaped()));
    m_dtype->setText(torchName(t.dtype));
    m_shape->setText(QStringLiteral("(%1) \u00b7 %2")
                         .arg(joinNumbers(t.shape, QStringLiteral(", ")),
                              text::countOf(t.numel(), tr("element"), tr("elements"))));
    m_strides->setText(
        t.stride.empty() ? tr("unknown (not a torch.save file)")
                         : QStringLiteral("(%1)").arg(joinNumbers(t.stride, QStringLiteral(", "))));
    QString storage;
    if (t.storageKey.isEmpty()) {
        storage = tr("none (the file holds no tensor data)");
    } else {
        storage = tr("record %1, from element %2").arg(t.storageKey).arg(t.storageOffset);
        if (t.storageBytes >= 0)
            storage += tr(", %1 bytes").arg(t.storageBytes);
    }
    m_storage->setText(storage);
    QString device = t.device.isEmpty() ? tr("unknown") : t.device;
    if (t.isParameter)
        device += tr(" \u00b7 nn.Parameter");
    if (t.requiresGrad)
        device += tr(" \u00b7 requires_grad");
    m_device->setText(device);
    const bool readable = m_context.inputs().hasTensorData && !t.storageKey.isEmpty();
    m_summarise->setEnabled(readable && !m_running);
    m_summarise->setToolTip(readable ? tr("Reads this tensor's bytes and computes min, max and "
                                          "mean (the LibTorch module, off the window's thread)")
                                     : tr("Values are read from torch.save files only"));
}

void TensorDetailPanel::summarise() {
    if (m_running || m_tensor < 0 || !m_context.hasInputs())
        return;
    const TensorInfo info = m_context.tree().tensorNode(m_tensor)->tensor();
    const QString path = m_context.inputs().path;
    if (m_readerPath != path) {
        m_reader.reset();
        m_readerPath = path;
    }
    const quint64 generation = ++m_generation;
    m_running = true;
    m_values->setText(tr("Reading\u2026"));
    m_preview->clear();
    refresh();

    auto* watcher =
        new QFutureWatcher<std::pair<Summary, std::shared_ptr<pt::TensorValueReader>>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        auto [summary, reader] = watcher->result();
        watcher->deleteLater();
        if (generation != m_generation)
            return; // cancelled, or another tensor was asked for meanwhile
        if (reader)
            m_reader = reader;
        finish(generation, summary.text, summary.preview);
    });
    std::shared_ptr<pt::TensorValueReader> reader = m_reader;
    watcher->setFuture(QtConcurrent::run([reader, path, info]() mutable {
        Summary s;
        if (!reader) {
            auto opened = pt::TensorValueReader::open(path);
            if (!opened) {
                s.text = opened.error().toString();
                return std::make_pair(s, reader);
            }
            reader = opened.value();
        }
        auto stats = reader->stats(info);
        if (!stats) {
            s.text = stats.error().message;
            return std::make_pair(s, reader);
        }
        s.text = pt::minMaxSuffix(info, stats.value());
        s.preview = stats.value().preview.join(QStringLiteral(", "));
        if (stats.value().numel > stats.value().preview.size())
            s.preview += QStringLiteral(", \u2026");
        return std::make_pair(s, reader);
    }));
}

void TensorDetailPanel::cancel() {
    if (!m_running)
        return;
    ++m_generation; // the running job's result will be dropped
    m_running = false;
    m_values->setText(tr("Cancelled"));
    refresh();
    emit summaryFinished();
}

void TensorDetailPanel::finish(quint64 generation, const QString& text, const QString& preview) {
    Q_UNUSED(generation);
    m_running = false;
    m_values->setText(oneLine(text));
    m_preview->setText(preview);
    refresh();
    emit summaryFinished();
}

} // namespace ds::ui
