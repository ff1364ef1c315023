#include "StatusSummary.h"
#include "text/Plural.h"

#include "document/DocumentContext.h"

namespace ds::ui {

StatusSummary::StatusSummary(document::DocumentContext& context, QWidget* parent)
    : QLabel(parent), m_context(context) {
    auto update = [this] {
        setText(textFor(m_context));
        // What the reader noted (classes it did not know, ...) without failing the file.
        const QStringList& notes = m_context.inputs().warnings;
        setToolTip(notes.isEmpty() ? tr("Double-click to see the checks")
                                   : notes.join(QLatin1Char('\n')));
    };
    connect(&context, &document::DocumentContext::findingsChanged, this, update);
    connect(&context, &document::DocumentContext::comparisonChanged, this, update);
    connect(&context, &document::DocumentContext::inputsChanged, this, update);
    update();
}

QString StatusSummary::textFor(const document::DocumentContext& context) {
    if (!context.hasInputs())
        return tr("No inputs");
    const spec::ShapeSpec& spec = context.spec();
    int dims = 0;
    for (int t = 0; t < spec.tensorCount(); ++t)
        dims += spec.rank(t);
    QStringList parts;
    parts << text::countOf(spec.tensorCount(), tr("tensor"), tr("tensors"));
    parts << tr("%1 of %2 dimensions dynamic").arg(spec.dynamicCount()).arg(dims);
    const int findings = static_cast<int>(context.findings().size());
    parts << (findings == 0 ? tr("no issues") : text::countOf(findings, tr("issue"), tr("issues")));
    const QStringList& notes = context.inputs().warnings;
    if (!notes.isEmpty())
        parts << text::countOf(notes.size(), tr("reader note"), tr("reader notes"));
    if (context.hasReference()) {
        const analysis::ComparisonSummary& s = context.comparison().summary;
        const int differ = s.onlyHere + s.onlyReference + s.grouping + s.bounds;
        // Structure problems first: "same" is only said of a reference that fits.
        if (s.structure > 0)
            parts << text::countOf(s.structure, tr("structure problem with the reference"),
                                   tr("structure problems with the reference"));
        if (differ > 0)
            parts << (differ == 1 ? tr("1 dimension differs from the reference")
                                  : tr("%1 dimensions differ from the reference").arg(differ));
        else if (s.structure == 0)
            parts << tr("same as the reference");
    }
    return parts.join(QStringLiteral(" \u00b7 "));
}

void StatusSummary::mouseDoubleClickEvent(QMouseEvent* event) {
    QLabel::mouseDoubleClickEvent(event);
    emit activated();
}

} // namespace ds::ui
