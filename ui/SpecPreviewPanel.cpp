#include "SpecPreviewPanel.h"

#include "model/DocumentContext.h"

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
#include <QVBoxLayout>

namespace ds::ui {

namespace {

const QString kFormatKey = QStringLiteral("preview/format");
const QString kLayoutKey = QStringLiteral("preview/layout");

} // namespace

SpecPreviewPanel::SpecPreviewPanel(DocumentContext& context, QWidget* parent)
    : QWidget(parent), m_context(context) {
    m_format = new QComboBox(this);
    m_format->addItems(allFormatNames());
    m_layout = new QComboBox(this);
    m_layout->addItem(tr("transformers"), static_cast<int>(CacheLayout::Transformers));
    m_layout->addItem(tr("flat"), static_cast<int>(CacheLayout::Flat));
    m_layout->setToolTip(tr("How caches flatten: transformers [[keys], [values]] "
                            "or flat [k0, v0, k1, v1, ...]"));
    m_copy = new QPushButton(tr("&Copy"), this);
    m_text = new QPlainTextEdit(this);
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Format:"), this));
    bar->addWidget(m_format);
    bar->addWidget(new QLabel(tr("Layout:"), this));
    bar->addWidget(m_layout);
    bar->addStretch(1);
    bar->addWidget(m_copy);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_text, 1);

    const QSettings settings;
    m_format->setCurrentText(settings.value(kFormatKey, QStringLiteral("pprint")).toString());
    const auto savedLayout = layoutFromName(settings.value(kLayoutKey).toString());
    if (savedLayout) {
        m_layout->setCurrentIndex(m_layout->findData(static_cast<int>(*savedLayout)));
        context.setOutputLayout(*savedLayout);
    }

    m_delay.setSingleShot(true);
    m_delay.setInterval(kDelayMs);
    connect(&m_delay, &QTimer::timeout, this, &SpecPreviewPanel::refreshNow);
    connect(&context, &DocumentContext::specChanged, this, &SpecPreviewPanel::scheduleRefresh);
    connect(m_format, &QComboBox::currentTextChanged, this, [this](const QString& name) {
        QSettings().setValue(kFormatKey, name);
        refreshNow();
        emit formatChanged(format());
    });
    connect(m_layout, &QComboBox::currentIndexChanged, this, [this] {
        const auto layout = static_cast<CacheLayout>(m_layout->currentData().toInt());
        QSettings().setValue(kLayoutKey, layoutName(layout));
        m_context.setOutputLayout(layout); // emits specChanged: the text follows
    });
    connect(m_copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_text->toPlainText()); });
}

SpecFormat SpecPreviewPanel::format() const {
    return formatFromName(m_format->currentText()).value_or(SpecFormat::Pprint);
}

void SpecPreviewPanel::setFormat(SpecFormat format) {
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
    // Keep the reader's place: an edit rewrites the whole text.
    const int scroll = m_text->verticalScrollBar()->value();
    m_text->setPlainText(m_context.hasInputs() ? m_context.specText(format())
                                               : tr("Open inputs to see their spec."));
    m_text->verticalScrollBar()->setValue(scroll);
}

void SpecPreviewPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (m_stale)
        m_delay.start();
}

} // namespace ds::ui
