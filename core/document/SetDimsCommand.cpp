#include "SetDimsCommand.h"

#include "DocumentContext.h"

#include <algorithm>

namespace ds::document {

namespace {

constexpr int kMergeableId = 0x44494d;  // any fixed value: all mergeable SetDimsCommands
constexpr qint64 kMergeWindowMs = 2000; // "a quick series of edits"

} // namespace

SetDimsCommand::SetDimsCommand(DocumentContext& context, DimChanges changes, const QString& text,
                               QString mergeKey)
    : m_context(context), m_changes(std::move(changes)), m_mergeKey(std::move(mergeKey)) {
    setText(text);
    m_age.start();
}

void SetDimsCommand::redo() {
    std::vector<std::pair<spec::DimRef, spec::DimSpec>> values;
    values.reserve(m_changes.size());
    for (const DimChange& c : m_changes)
        values.emplace_back(c.ref, c.after);
    m_context.writeDims(values);
}

void SetDimsCommand::undo() {
    std::vector<std::pair<spec::DimRef, spec::DimSpec>> values;
    values.reserve(m_changes.size());
    for (const DimChange& c : m_changes)
        values.emplace_back(c.ref, c.before);
    m_context.writeDims(values);
}

int SetDimsCommand::id() const {
    return m_mergeKey.isEmpty() ? -1 : kMergeableId;
}

bool SetDimsCommand::mergeWith(const QUndoCommand* other) {
    const auto* next = dynamic_cast<const SetDimsCommand*>(other);
    if (!next || next->m_mergeKey != m_mergeKey || m_age.elapsed() > kMergeWindowMs)
        return false;
    for (const DimChange& change : next->m_changes) {
        auto mine = std::find_if(m_changes.begin(), m_changes.end(),
                                 [&](const DimChange& c) { return c.ref == change.ref; });
        if (mine != m_changes.end())
            mine->after = change.after;
        else
            m_changes.push_back(change);
    }
    m_changes.erase(std::remove_if(m_changes.begin(), m_changes.end(),
                                   [](const DimChange& c) { return c.before == c.after; }),
                    m_changes.end());
    setText(next->text());
    m_age.restart();
    // Typing a value and then its old value back leaves nothing to undo.
    setObsolete(m_changes.empty());
    return true;
}

} // namespace ds::document
