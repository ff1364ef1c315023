#include "SpecPreviewPanel.h"

#include "document/DocumentContext.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QTextCursor>
#include <QVBoxLayout>

#include <algorithm>

namespace ds::ui {

namespace {

const QString kFormatKey = QStringLiteral("preview/format");
const QString kLayoutKey = QStringLiteral("preview/layout");

} // namespace

SpecPreviewPanel::SpecPreviewPanel(document::DocumentContext& context, QWidget* parent)
    : QWidget(parent), m_context(context) {
    m_format = new QComboBox(this);
    m_format->addItems(spec::allFormatNames());
    m_layout = new QComboBox(this);
    m_layout->addItem(tr("transformers"), static_cast<int>(caches::CacheLayout::Transformers));
    m_layout->addItem(tr("flat"), static_cast<int>(caches::CacheLayout::Flat));
    m_layout->addItem(tr("layers"), static_cast<int>(caches::CacheLayout::Layers));
    m_layout->setToolTip(tr("How caches flatten: transformers [[keys], [values]], flat "
                            "[k0, v0, k1, v1, ...], or layers [[k, v, counters...], ...]"));
    m_copy = new QPushButton(tr("&Copy"), this);
    // The bar must not hold the dock wide: at 1024 px the tree comes first.
    for (QComboBox* box : {m_format, m_layout}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(6);
    }
    m_text = new QPlainTextEdit(this);
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    // Read-only: the partial updates of showText() need no undo history.
    m_text->document()->setUndoRedoEnabled(false);
    m_writer.setMaxThreadCount(1);

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Format:"), this));
    bar->addWidget(m_format);
    bar->addWidget(new QLabel(tr("Layout:"), this));
    bar->addWidget(m_layout);
    bar->addStretch(1);
    // Copy under the text: one row of four controls is as wide as the dock
    // may get at 1024 px.
    auto* under = new QHBoxLayout;
    under->addStretch(1);
    under->addWidget(m_copy);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_text, 1);
    layout->addLayout(under);

    const QSettings settings;
    m_format->setCurrentText(settings.value(kFormatKey, QStringLiteral("pprint")).toString());
    const auto savedLayout = caches::layoutFromName(settings.value(kLayoutKey).toString());
    if (savedLayout) {
        m_layout->setCurrentIndex(m_layout->findData(static_cast<int>(*savedLayout)));
        context.setOutputLayout(*savedLayout);
    }

    m_delay.setSingleShot(true);
    m_delay.setInterval(kDelayMs);
    connect(&m_delay, &QTimer::timeout, this, &SpecPreviewPanel::refreshInBackground);
    connect(&context, &document::DocumentContext::specChanged, this,
            &SpecPreviewPanel::scheduleRefresh);
    connect(m_format, &QComboBox::currentTextChanged, this, [this](const QString& name) {
        QSettings().setValue(kFormatKey, name);
        refreshNow();
        emit formatChanged(format());
    });
    connect(m_layout, &QComboBox::currentIndexChanged, this, [this] {
        const auto layout = static_cast<caches::CacheLayout>(m_layout->currentData().toInt());
        QSettings().setValue(kLayoutKey, layoutName(layout));
        m_context.setOutputLayout(layout); // emits specChanged: the text follows
    });
    // The document moves to the layers layout for caches that need it.
    connect(&context, &document::DocumentContext::outputLayoutChanged, this,
            [this](caches::CacheLayout layout) {
                const QSignalBlocker quiet(m_layout);
                m_layout->setCurrentIndex(m_layout->findData(static_cast<int>(layout)));
            });
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_target);
        emit informed(tr("Copied the spec (%1) to the clipboard").arg(spec::formatName(format())));
    });
}

SpecPreviewPanel::~SpecPreviewPanel() {
    ++m_generation; // a result still on its way is dropped
    m_writer.waitForDone();
}

spec::SpecFormat SpecPreviewPanel::format() const {
    return spec::formatFromName(m_format->currentText()).value_or(spec::SpecFormat::Pprint);
}

void SpecPreviewPanel::setFormat(spec::SpecFormat format) {
    m_format->setCurrentText(formatName(format));
}

QString SpecPreviewPanel::shownText() const {
    return m_text->toPlainText();
}

void SpecPreviewPanel::scheduleRefresh() {
    m_stale = true;
    if (isVisible())
        m_delay.start();
}

void SpecPreviewPanel::refreshNow() {
    m_delay.stop();
    m_stale = false;
    ++m_generation; // newer than any text being written in the background
    showText(m_context.hasInputs() ? m_context.specText(format())
                                   : tr("Open inputs to see their spec."));
}

void SpecPreviewPanel::refreshInBackground() {
    if (!m_context.hasInputs())
        return refreshNow();
    m_stale = false;
    const int generation = ++m_generation;
    auto job = m_context.specTextJob(format());
    m_writer.start([this, generation, job = std::move(job)] {
        const QString text = job();
        // Posted to this panel: Qt drops it if the panel is gone by then.
        QMetaObject::invokeMethod(
            this,
            [this, generation, text] {
                if (generation == m_generation)
                    showText(text);
            },
            Qt::QueuedConnection);
    });
}

// Replaces only what changed between the shown text and `text`: a toggle
// changes a line or two, and replacing everything would lay out megabytes
// again and lose the reader's place. What is inserted goes in by slices
// (insertPendingSlice), so that no pass of the event loop lays out more than
// kCharactersPerPass characters.
void SpecPreviewPanel::showText(const QString& text) {
    // Lines wrap at the dock's width: pprint's 80 columns do not fit a third
    // of a 1024 px window. A spec of thousands of tensors stays unwrapped:
    // wrapping would cost it a layout of every line on every edit.
    const auto wrap =
        text.size() <= kWrapLimit ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap;
    if (m_text->lineWrapMode() != wrap)
        m_text->setLineWrapMode(wrap);
    ++m_fill; // an insertion still under way is superseded
    m_pending.clear();
    m_target = text;
    const QString& old = m_shown;
    const qsizetype common = std::min(old.size(), text.size());
    qsizetype prefix =
        std::mismatch(old.begin(), old.begin() + common, text.begin()).first - old.begin();
    if (prefix == old.size() && old.size() == text.size())
        return; // unchanged
    qsizetype suffix = 0;
    while (suffix < common - prefix &&
           old[old.size() - 1 - suffix] == text[text.size() - 1 - suffix])
        ++suffix;
    if (2 * (prefix + suffix) < text.size()) {
        // Mostly new (other inputs, another format): start from an empty
        // editor, and come back to where the reader was once the text is there.
        if (m_restoreScroll < 0)
            m_restoreScroll = m_text->verticalScrollBar()->value();
        m_text->clear();
        m_shown.clear();
        prefix = 0;
        suffix = 0;
    } else {
        // Never cut a surrogate pair in two.
        if (prefix > 0 && old[prefix - 1].isHighSurrogate())
            --prefix;
        if (suffix > 0 && old[old.size() - suffix].isLowSurrogate())
            --suffix;
        QTextCursor cursor(m_text->document());
        cursor.setPosition(static_cast<int>(prefix));
        cursor.setPosition(static_cast<int>(old.size() - suffix), QTextCursor::KeepAnchor);
        cursor.removeSelectedText();
        m_shown.remove(prefix, old.size() - suffix - prefix);
    }
    m_pending = text.mid(prefix, text.size() - prefix - suffix);
    m_pendingAt = prefix;
    insertPendingSlice();
}

void SpecPreviewPanel::insertPendingSlice() {
    qsizetype length = std::min(m_pending.size(), kCharactersPerPass);
    if (length < m_pending.size() && m_pending[length].isLowSurrogate())
        --length; // the pair goes in with the next slice
    const QString slice = m_pending.left(length);
    m_pending.remove(0, length);
    QTextCursor cursor(m_text->document());
    cursor.setPosition(static_cast<int>(m_pendingAt));
    cursor.insertText(slice);
    m_shown.insert(m_pendingAt, slice);
    m_pendingAt += length;
    QScrollBar* scroll = m_text->verticalScrollBar();
    if (m_restoreScroll >= 0 && (m_pending.isEmpty() || scroll->maximum() >= m_restoreScroll)) {
        scroll->setValue(m_restoreScroll);
        m_restoreScroll = -1;
    }
    if (m_pending.isEmpty())
        return;
    const int fill = m_fill;
    QTimer::singleShot(0, this, [this, fill] {
        if (fill == m_fill)
            insertPendingSlice();
    });
}

void SpecPreviewPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (m_stale)
        m_delay.start();
}

} // namespace ds::ui
