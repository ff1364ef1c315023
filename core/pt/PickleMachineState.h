#pragma once

// The pickle stack machine's state, shared by its two source files:
// PickleMachine.cpp (stack, memo, limits, container bookkeeping) and
// PickleMachineStep.cpp (one opcode at a time). Internal to core/pt.
#include "PickleMachine.h"

#include "ByteCursor.h"
#include "PickleMemo.h"
#include "PickleMemoReads.h"
#include "PickleOpcodes.h"
#include "PickleText.h"
#include "SharedScalars.h"
#include "ValueGraphCheck.h"

#include <unordered_set>
#include <vector>

namespace ds::pt::detail {

using Ptr = InputValue::Ptr;

class PickleMachine {
public:
    PickleMachine(const char* data, qint64 size, const PickleSource& source,
                  PickleInterpreter& interpreter, const PickleLimits& limits)
        : m_in(data, size), m_source(source), m_interpreter(interpreter), m_limits(limits),
          m_reads(findMemoReads(data, size)) {}

    // Every container ever created is held here until the end, then emptied,
    // so no destructor ever recurses through a deep or cyclic structure.
    ~PickleMachine() {
        std::vector<Ptr> doomed;
        doomed.reserve(m_containers.size());
        for (const auto& c : m_containers)
            if (!m_keep.count(c.node.get()))
                doomed.push_back(c.node);
        m_stack.clear();
        m_memo.clear();
        dismantle(doomed);
        m_interpreter.entries().clear();
    }

    Result<PickleOutcome> run();

private:
    struct Created {
        Ptr node;
        qint64 offset;
    };

    Error fail(const QString& message) const { return failAt(m_opStart, message); }
    Error failAt(qint64 offset, const QString& message) const {
        return Error(
            message,
            QStringLiteral("byte %1 of %2").arg(m_source.baseOffset + offset).arg(m_source.name));
    }
    // Interpreter errors do not know where they happened; the opcode does.
    Error located(Error e) const {
        if (e.where.isEmpty())
            e.where = fail(QString()).where;
        return e;
    }
    QString opText() const {
        const char* name = opName(m_op);
        return name ? QString::fromLatin1(name)
                    : QStringLiteral("0x%1").arg(m_op, 2, 16, QLatin1Char('0'));
    }

    Status step();
    Status finish(Ptr root);

    // Stack discipline. A MARK starts a new frame: values below it are out of
    // reach until the frame is closed, exactly as in Python's unpickler.
    qint64 frameSize() const {
        return static_cast<qint64>(m_stack.size()) -
               static_cast<qint64>(m_marks.empty() ? 0 : m_marks.back());
    }
    Status need(qint64 n) const;
    Ptr pop() {
        Ptr v = std::move(m_stack.back());
        m_stack.pop_back();
        return v;
    }
    Result<std::vector<Ptr>> popMark();
    Status pushNew(Ptr v);
    Status pushExisting(Ptr v);
    void releaseUnusedContainers();

    // Nesting depth known so far (InputValue::nestingDepth). Values built
    // bottom-up (TUPLE1 a million times) fail at the opcode that goes too
    // deep; depth made by filling memoized containers later is caught when
    // the pickle ends.
    static int depthOf(const InputValue* v) { return v ? v->nestingDepth() : 0; }
    Status raiseDepth(InputValue* target, int childDepth);

    // Readers for operands.
    Result<QByteArray> line(qint64 maxLength);
    // The decimal memo index of the text opcodes GET and PUT (protocol 0).
    Result<quint64> textMemoIndex(const char* opName);
    Result<quint64> operand(int width);
    Result<const char*> payload(qint64 length);
    Result<qint64> lengthOperand(int width);

    // Ints, booleans and None are immutable, so one node can stand for every
    // occurrence: a torch file pickles five small ints per tensor (storage
    // size, offset, sizes, strides), which made them half of all nodes.
    Status opInteger(std::optional<qint64> value) { return pushNew(m_scalars.integer(value)); }
    Status opTextInt();
    Status opTextLong();
    Status opBinaryLong(int lengthWidth);
    Status opString(const QString& text) { return pushNew(InputValue::string(text)); }
    Status opGlobal(const QString& module, const QString& name);
    // A class or function a GLOBAL, STACK_GLOBAL or INST names, judged
    // (refusedGlobalReason) and noted for the runner.
    Result<Ptr> judgedGlobal(const QString& module, const QString& name);
    Status opMemoGet(quint64 index);
    Status opMemoPut(quint64 index);
    Status opCall(const Result<Ptr>& made);
    Status appendItems(const Ptr& target, std::vector<Ptr> items);
    Status setItems(const Ptr& target, std::vector<Ptr> keysAndValues);

    ByteCursor m_in;
    const PickleSource& m_source;
    PickleInterpreter& m_interpreter;
    const PickleLimits& m_limits;

    SharedScalars m_scalars;
    std::vector<Ptr> m_stack;
    std::vector<size_t> m_marks;
    PickleMemo m_memo;
    std::optional<MemoReads> m_reads; // slots some GET reads; nullopt: keep every slot
    std::vector<Created> m_containers;
    size_t m_nextRelease = 4096; // m_containers size at which to release unused ones
    std::unordered_set<const InputValue*> m_keep; // reachable from the result
    qint64 m_values = 0;
    qint64 m_stringBytes = 0;
    qint64 m_opStart = 0;
    quint8 m_op = 0;
    Ptr m_root;
    bool m_stopped = false;
};

} // namespace ds::pt::detail
