#pragma once

#include "EntryIndex.h"
#include "InputValue.h"
#include "Result.h"

#include <QSet>
#include <QStringList>

namespace ds::pt {

// Gives meaning to the opcodes that would run code in Python. A GLOBAL is only
// ever a name; persistent ids, REDUCE, NEWOBJ and BUILD reach an interpreter,
// which returns descriptions (InputValues) and never calls anything. Errors it
// returns get the opcode's position attached by the pickle machine.
class PickleInterpreter {
public:
    virtual ~PickleInterpreter() = default;

    // BINPERSID / PERSID: `pid` is what the pickler's persistent_id returned.
    virtual Result<InputValue::Ptr> persistentLoad(const InputValue::Ptr& pid) = 0;
    // REDUCE: callable(*args); `args` is a tuple.
    virtual Result<InputValue::Ptr> call(const InputValue::Ptr& callable,
                                         const InputValue::Ptr& args) = 0;
    // NEWOBJ, NEWOBJ_EX, INST, OBJ: cls.__new__(cls, *args, **kwargs); kwargs may be null.
    virtual Result<InputValue::Ptr> newObject(const InputValue::Ptr& cls,
                                              const InputValue::Ptr& args,
                                              const InputValue::Ptr& kwargs) = 0;
    // BUILD: target.__setstate__(state) or target.__dict__.update(state).
    virtual Status setState(const InputValue::Ptr& target, const InputValue::Ptr& state) = 0;

    // Where the opcode being interpreted starts (absolute byte in its file or
    // entry); set by the machine before each call, for errors found later.
    void setOpcodeOffset(qint64 offset) { m_opcodeOffset = offset; }
    qint64 opcodeOffset() const { return m_opcodeOffset; }

    // Counts items copied out of existing values; fails past `limit`, which
    // bounds the work a short pickle can cause by reusing a large value.
    Status chargeCopies(qint64 items, qint64 limit) {
        m_copiedItems += items;
        if (m_copiedItems <= limit)
            return okStatus();
        return Error(QStringLiteral("the pickle copies more than %1 items between values "
                                    "(a small file reusing a large value many times)")
                         .arg(limit));
    }

    // A dict key is hashed and compared each time it is set: a long string
    // key reused by many dicts (one memoized 256 KiB string, 2,000 dicts)
    // costs as if it were copied, a value per 64 characters.
    Status chargeKey(const Key& key, qint64 limit) {
        const qint64 chars = key.text.size();
        return chars < 64 ? okStatus() : chargeCopies(chars / 64, limit);
    }

    // Shared with the machine so that SETITEMS and BUILD agree on keys.
    EntryIndex& entries() { return m_entries; }

    // Each distinct message is kept once, in first-seen order.
    void warnOnce(const QString& message) {
        if (m_seenWarnings.contains(message))
            return;
        m_seenWarnings.insert(message);
        m_warnings.append(message);
    }
    const QStringList& warnings() const { return m_warnings; }

    // GLOBAL / STACK_GLOBAL: a name the pickle imports (the machine has
    // refused the dangerous ones). Python imports its module even when the
    // name is never called, so interpreters note the names they do not know.
    virtual void noteGlobal(const QString& qualifiedName) { (void)qualifiedName; }
    // The names noted as not recognised, in first-seen order.
    const QStringList& untrustedNames() const { return m_untrusted; }

    // A pickled dict key as an InputValue key: str and int as they are, other
    // hashable values as text (with a warning), unhashable ones an error.
    Result<Key> keyOf(const InputValue& key);
    // An error unless Python could hash `value` (no list, dict or set, in a
    // tuple neither); `role` completes the message: "used as a dict key".
    static Status checkHashable(const InputValue& value, const char* role);

private:
    EntryIndex m_entries;
    qint64 m_opcodeOffset = 0;
    qint64 m_copiedItems = 0;
    QSet<QString> m_seenWarnings;
    QStringList m_warnings;

protected:
    QStringList m_untrusted;
};

} // namespace ds::pt
