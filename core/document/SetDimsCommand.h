#pragma once

#include "DimEdits.h"

#include <QElapsedTimer>
#include <QUndoCommand>

namespace ds::document {

class DocumentContext;

// The one undo command of the spec: it writes a set of dimension decisions
// forward or back. Toggles, renames, bounds, "adopt reference" and "open
// spec" are all this command with different changes and texts.
class SetDimsCommand : public QUndoCommand {
public:
    // Commands with the same non-empty mergeKey pushed within a short time
    // collapse into one step (typing min, then max, for one name).
    SetDimsCommand(DocumentContext& context, DimChanges changes, const QString& text,
                   QString mergeKey = {});

    void redo() override;
    void undo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand* other) override;

    const DimChanges& changes() const { return m_changes; }

private:
    DocumentContext& m_context;
    DimChanges m_changes;
    QString m_mergeKey;
    QElapsedTimer m_age;
};

} // namespace ds::document
