#pragma once

#include <QWidget>

#include <memory>

class QFormLayout;
class QLabel;
class QProgressBar;
class QPushButton;

namespace ds::document {
class DocumentContext;
}
namespace ds::pt {
class TensorValueReader;
}

namespace ds::ui {

// What the selected tensor is: its path, dtype, shape, strides and storage,
// and, on demand, a summary of its values (min, max, mean, NaNs, the first
// values) as `dimstudio inspect --values` prints them. The values are read by
// the LibTorch module on a worker thread: the window stays responsive, a
// busy bar shows, and Cancel drops the result. The work is bounded by the
// bytes stored (a broadcast view of 2**40 elements reads one value).
class TensorDetailPanel : public QWidget {
    Q_OBJECT
public:
    explicit TensorDetailPanel(document::DocumentContext& context, QWidget* parent = nullptr);
    ~TensorDetailPanel() override;

    // The tensor shown (flattening order), -1 for none.
    void showTensor(int tensor);
    int tensor() const { return m_tensor; }

    QPushButton* summariseButton() const { return m_summarise; }
    QPushButton* cancelButton() const { return m_cancel; }
    QLabel* valuesLabel() const { return m_values; }
    bool isSummarising() const { return m_running; }

signals:
    void summaryFinished(); // shown, failed or cancelled

private:
    void summarise();
    void cancel();
    void finish(quint64 generation, const QString& text, const QString& preview);
    void refresh();

    document::DocumentContext& m_context;
    int m_tensor = -1;
    quint64 m_generation = 0; // a result is shown only if it is still the one asked for
    bool m_running = false;
    std::shared_ptr<pt::TensorValueReader> m_reader; // opened once per file
    QString m_readerPath;

    QLabel* m_title;
    QFormLayout* m_form;
    QLabel* m_dtype;
    QLabel* m_shape;
    QLabel* m_strides;
    QLabel* m_storage;
    QLabel* m_device;
    QPushButton* m_summarise;
    QPushButton* m_cancel;
    QProgressBar* m_busy;
    QLabel* m_values;
    QLabel* m_preview;
};

} // namespace ds::ui
