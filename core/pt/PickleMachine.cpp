#include "PickleMachineState.h"
#include "RefusedCalls.h"

namespace ds::pt {

namespace detail {

Status PickleMachine::need(qint64 n) const {
    const qint64 have = frameSize();
    if (have >= n)
        return okStatus();
    if (!m_marks.empty() && static_cast<qint64>(m_stack.size()) >= n)
        return fail(QStringLiteral("%1 needs %2 value(s) but a MARK hides the values below it")
                        .arg(opText())
                        .arg(n));
    return fail(QStringLiteral("pickle stack underflow: %1 needs %2 value(s), the stack holds %3")
                    .arg(opText())
                    .arg(n)
                    .arg(have));
}

Result<std::vector<Ptr>> PickleMachine::popMark() {
    if (m_marks.empty())
        return fail(QStringLiteral("%1 expects a MARK but none is open").arg(opText()));
    const size_t start = m_marks.back();
    m_marks.pop_back();
    std::vector<Ptr> items(std::make_move_iterator(m_stack.begin() + static_cast<long>(start)),
                           std::make_move_iterator(m_stack.end()));
    m_stack.resize(start);
    return items;
}

Status PickleMachine::pushExisting(Ptr v) {
    if (static_cast<qint64>(m_stack.size()) >= m_limits.maxStackSize)
        return fail(
            QStringLiteral("the pickle stack grows beyond %1 values").arg(m_limits.maxStackSize));
    m_stack.push_back(std::move(v));
    return okStatus();
}

Status PickleMachine::pushNew(Ptr v) {
    if (++m_values > m_limits.maxValues)
        return fail(
            QStringLiteral("the pickle creates more than %1 values").arg(m_limits.maxValues));
    if (v && v->isContainer()) {
        releaseUnusedContainers();
        m_containers.push_back({v, m_opStart});
        int depth = 1;
        for (const auto& child : v->items())
            depth = std::max(depth, depthOf(child.get()) + 1);
        for (const auto& child : v->arguments())
            depth = std::max(depth, depthOf(child.get()) + 1);
        if (Status s = raiseDepth(v.get(), depth - 1); !s)
            return s;
    }
    return pushExisting(std::move(v));
}

// Containers that nothing but m_containers holds any more (no stack slot, no
// memo slot, no other value) are destroyed here, so that memory follows what
// is still in use instead of everything the pickle ever built. Releasing one
// never recurses: its children that are containers are held here too. Runs
// when m_containers has doubled, so its cost per container stays constant.
void PickleMachine::releaseUnusedContainers() {
    if (m_containers.size() < m_nextRelease)
        return;
    size_t kept = 0;
    for (size_t i = 0; i < m_containers.size(); ++i) {
        Created& c = m_containers[i];
        if (c.node.use_count() == 1) {
            // Entries keyed by its address go first: the address may be reused.
            m_interpreter.entries().forget(c.node.get());
            c.node.reset();
            continue;
        }
        if (kept != i)
            m_containers[kept] = std::move(c);
        ++kept;
    }
    m_containers.resize(kept);
    m_nextRelease = std::max<size_t>(2 * kept, 4096);
}

Status PickleMachine::raiseDepth(InputValue* target, int childDepth) {
    const int depth = childDepth + 1;
    if (depth > m_limits.maxDepth)
        return fail(
            QStringLiteral("values are nested more than %1 levels deep").arg(m_limits.maxDepth));
    if (target && depth > target->nestingDepth())
        target->setNestingDepth(depth);
    return okStatus();
}

Result<QByteArray> PickleMachine::line(qint64 maxLength) {
    auto text = m_in.line(maxLength);
    if (!text)
        return fail(
            m_in.remaining() > maxLength
                ? QStringLiteral("%1 has a text operand longer than %2 bytes")
                      .arg(opText())
                      .arg(maxLength)
                : QStringLiteral("the pickle ends inside %1 (no end of line)").arg(opText()));
    return *text;
}

Result<quint64> PickleMachine::textMemoIndex(const char* opName) {
    auto text = line(32);
    if (!text)
        return text.error();
    auto index = parseDecimalUInt(text.value());
    if (!index)
        return fail(QStringLiteral("%1 index is not a number").arg(QLatin1String(opName)));
    return *index;
}

Result<quint64> PickleMachine::operand(int width) {
    auto v = m_in.uintLE(width);
    if (!v)
        return fail(QStringLiteral("the pickle ends inside %1").arg(opText()));
    return *v;
}

Result<const char*> PickleMachine::payload(qint64 length) {
    if (length < 0)
        return fail(QStringLiteral("%1 declares a negative length %2").arg(opText()).arg(length));
    if (length > m_in.remaining())
        return fail(QStringLiteral("%1 declares %2 bytes but only %3 remain")
                        .arg(opText())
                        .arg(length)
                        .arg(m_in.remaining()));
    if (length > m_limits.maxStringBytes)
        return fail(QStringLiteral("%1 declares %2 bytes, more than the limit of %3")
                        .arg(opText())
                        .arg(length)
                        .arg(m_limits.maxStringBytes));
    m_stringBytes += length;
    if (m_stringBytes > m_limits.maxTotalStringBytes)
        return fail(QStringLiteral("the pickle holds more than %1 bytes of strings")
                        .arg(m_limits.maxTotalStringBytes));
    return *m_in.take(length);
}

Result<qint64> PickleMachine::lengthOperand(int width) {
    auto raw = operand(width);
    if (!raw)
        return raw.error();
    if (raw.value() > static_cast<quint64>(std::numeric_limits<qint64>::max()))
        return fail(QStringLiteral("%1 declares %2 bytes").arg(opText()).arg(raw.value()));
    return static_cast<qint64>(raw.value());
}

Status PickleMachine::opTextInt() {
    auto text = line(m_limits.maxLongBytes);
    if (!text)
        return text.error();
    // Protocol 0 spells booleans as INT 00 / 01.
    if (text.value() == "00" || text.value() == "01")
        return pushNew(m_scalars.boolean(text.value() == "01"));
    const ParsedInt value = parseDecimalInt(text.value());
    if (!value.valid)
        return fail(QStringLiteral("INT operand is not a number"));
    return opInteger(value.value);
}

Status PickleMachine::opTextLong() {
    auto text = line(m_limits.maxLongBytes);
    if (!text)
        return text.error();
    QByteArray digits = text.value();
    if (digits.endsWith('L'))
        digits.chop(1);
    const ParsedInt value = parseDecimalInt(digits);
    if (!value.valid)
        return fail(QStringLiteral("LONG operand is not a number"));
    return opInteger(value.value);
}

Status PickleMachine::opBinaryLong(int lengthWidth) {
    qint64 length = 0;
    if (lengthWidth == 1) {
        auto n = operand(1);
        if (!n)
            return n.error();
        length = static_cast<qint64>(n.value());
    } else {
        auto n = m_in.int32LE();
        if (!n)
            return fail(QStringLiteral("the pickle ends inside LONG4"));
        if (*n < 0)
            return fail(QStringLiteral("LONG4 declares a negative length %1").arg(*n));
        length = *n;
    }
    if (length > m_limits.maxLongBytes)
        return fail(QStringLiteral("%1 declares a %2-byte integer, more than the limit of %3")
                        .arg(opText())
                        .arg(length)
                        .arg(m_limits.maxLongBytes));
    auto bytes = payload(length);
    if (!bytes)
        return bytes.error();
    return opInteger(littleEndianTwosComplement(bytes.value(), length));
}

Result<InputValue::Ptr> PickleMachine::judgedGlobal(const QString& module, const QString& name) {
    if (!isValidGlobalPart(module, m_limits.maxNameLength) ||
        !isValidGlobalPart(name, m_limits.maxNameLength))
        return fail(QStringLiteral("%1 names an invalid class or function \"%2.%3\"")
                        .arg(opText())
                        .arg(module.left(80))
                        .arg(name.left(80)));
    const QString qualified = canonicalGlobalName(module, name);
    const QString canonicalModule = qualified.left(qualified.size() - name.size() - 1);
    // The one place names are judged: every later call or class refers to a
    // value made here, so nothing refused can be reached another way.
    if (const QString reason = refusedGlobalReason(canonicalModule, name); !reason.isEmpty())
        return fail(reason);
    m_interpreter.noteGlobal(qualified);
    return InputValue::global(qualified);
}

Status PickleMachine::opGlobal(const QString& module, const QString& name) {
    auto global = judgedGlobal(module, name);
    if (!global)
        return global.error();
    return pushNew(std::move(global).value());
}

Status PickleMachine::opMemoGet(quint64 index) {
    const Ptr* stored = m_memo.find(index);
    if (!stored)
        return fail(QStringLiteral("memo slot %1 is read (%2) before anything was stored in it")
                        .arg(index)
                        .arg(opText()));
    return pushExisting(*stored);
}

Status PickleMachine::opMemoPut(quint64 index) {
    if (frameSize() < 1)
        return need(1);
    if (!m_memo.find(index) && m_memo.size() >= m_limits.maxMemoEntries)
        return fail(
            QStringLiteral("the pickle memo grows beyond %1 entries").arg(m_limits.maxMemoEntries));
    // A slot that no GET reads keeps its place (MEMOIZE counts it) but not
    // the value, which can then go as soon as it is used.
    const bool read = !m_reads || m_reads->isRead(index);
    m_memo.put(index, read ? m_stack.back() : Ptr());
    return okStatus();
}

Status PickleMachine::opCall(const Result<Ptr>& made) {
    if (!made)
        return located(made.error());
    return pushNew(made.value());
}

Status PickleMachine::appendItems(const Ptr& target, std::vector<Ptr> items) {
    InputValue* list = target.get();
    if (target->kind() == ValueKind::Object) {
        // A list subclass: keep what Python would pass to .append/.extend.
        Ptr stored = m_interpreter.entries().find(*target, Key::str(QStringLiteral("__items__")));
        if (!stored || stored->kind() != ValueKind::List) {
            stored = InputValue::list();
            m_containers.push_back({stored, m_opStart});
            m_interpreter.entries().insert(*target, Key::str(QStringLiteral("__items__")), stored);
        }
        list = stored.get();
    } else if (target->kind() != ValueKind::List) {
        return fail(QStringLiteral("%1 adds items to a %2, which has no append")
                        .arg(opText())
                        .arg(kindName(target->kind())));
    }
    if (list->size() + static_cast<qint64>(items.size()) > m_limits.maxContainerEntries)
        return fail(
            QStringLiteral("a list grows beyond %1 items").arg(m_limits.maxContainerEntries));
    for (auto& item : items) {
        if (Status s = raiseDepth(list, depthOf(item.get())); !s)
            return s;
        if (list != target.get())
            if (Status s = raiseDepth(target.get(), depthOf(list)); !s)
                return s;
        list->append(std::move(item));
    }
    return okStatus();
}

Status PickleMachine::setItems(const Ptr& target, std::vector<Ptr> keysAndValues) {
    if (keysAndValues.size() % 2 != 0)
        return fail(QStringLiteral("%1 has a key without a value").arg(opText()));
    if (target->kind() != ValueKind::Dict && target->kind() != ValueKind::Object)
        return fail(QStringLiteral("%1 sets items on a %2, which is no mapping")
                        .arg(opText())
                        .arg(kindName(target->kind())));
    if (target->size() + static_cast<qint64>(keysAndValues.size() / 2) >
        m_limits.maxContainerEntries)
        return fail(
            QStringLiteral("a dict grows beyond %1 entries").arg(m_limits.maxContainerEntries));
    for (size_t i = 0; i < keysAndValues.size(); i += 2) {
        auto key = m_interpreter.keyOf(*keysAndValues[i]);
        if (!key)
            return located(key.error());
        if (Status s = m_interpreter.chargeKey(key.value(), m_limits.maxCopiedItems); !s)
            return located(s.error());
        if (Status s = raiseDepth(target.get(), depthOf(keysAndValues[i + 1].get())); !s)
            return s;
        m_interpreter.entries().insert(*target, key.value(), std::move(keysAndValues[i + 1]));
    }
    return okStatus();
}

Status PickleMachine::finish(Ptr root) {
    std::unordered_set<const InputValue*> reachable;
    auto problem =
        findGraphProblem(root, m_limits.maxDepth, m_limits.expansionBudget(m_in.size()), reachable);
    if (problem) {
        qint64 offset = m_opStart;
        for (const auto& c : m_containers)
            if (c.node.get() == problem->node) {
                offset = c.offset;
                break;
            }
        return failAt(offset, problem->message);
    }
    m_keep = std::move(reachable);
    m_root = std::move(root);
    m_stopped = true;
    return okStatus();
}

Result<PickleOutcome> PickleMachine::run() {
    while (!m_stopped) {
        m_opStart = m_in.pos();
        auto op = m_in.u8();
        if (!op)
            return failAt(m_in.pos(), m_in.pos() == 0
                                          ? QStringLiteral("the pickle is empty")
                                          : QStringLiteral("the pickle ends without STOP"));
        m_op = *op;
        m_interpreter.setOpcodeOffset(m_source.baseOffset + m_opStart);
        Status s = step();
        if (!s)
            return s.error();
    }
    return PickleOutcome{m_root, m_in.pos()};
}

} // namespace detail

Result<PickleOutcome> runPickle(const char* data, qint64 size, const PickleSource& source,
                                PickleInterpreter& interpreter, const PickleLimits& limits) {
    detail::PickleMachine machine(data, size, source, interpreter, limits);
    return machine.run();
}

} // namespace ds::pt
