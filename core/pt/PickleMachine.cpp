#include "PickleMachine.h"

#include "ByteCursor.h"
#include "PickleOpcodes.h"
#include "PickleText.h"
#include "ValueGraphCheck.h"

#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ds::pt {

namespace {

using Ptr = InputValue::Ptr;

class PickleMachine {
public:
    PickleMachine(const char* data, qint64 size, const PickleSource& source,
                  PickleInterpreter& interpreter, const PickleLimits& limits)
        : m_in(data, size), m_source(source), m_interpreter(interpreter), m_limits(limits) {}

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

    // Nesting depth known so far for each container. Values built bottom-up
    // (TUPLE1 a million times) fail at the opcode that goes too deep; depth
    // made by filling memoized containers later is caught when the pickle ends.
    int depthOf(const InputValue* v) const {
        const auto it = m_depth.find(v);
        return it != m_depth.end() ? it->second : (v && v->isContainer() ? 1 : 0);
    }
    Status raiseDepth(const InputValue* target, int childDepth);

    // Readers for operands.
    Result<QByteArray> line(qint64 maxLength);
    Result<quint64> operand(int width);
    Result<const char*> payload(qint64 length);
    Result<qint64> lengthOperand(int width);

    Status opInteger(qint64 value) { return pushNew(InputValue::integer(value)); }
    Status opTextInt();
    Status opTextLong();
    Status opBinaryLong(int lengthWidth);
    Status opString(const QString& text) { return pushNew(InputValue::string(text)); }
    Status opGlobal(const QString& module, const QString& name);
    Status opMemoGet(quint64 index);
    Status opMemoPut(quint64 index);
    Status opCall(const Result<Ptr>& made);
    Status appendItems(const Ptr& target, std::vector<Ptr> items);
    Status setItems(const Ptr& target, std::vector<Ptr> keysAndValues);

    ByteCursor m_in;
    const PickleSource& m_source;
    PickleInterpreter& m_interpreter;
    const PickleLimits& m_limits;

    std::vector<Ptr> m_stack;
    std::vector<size_t> m_marks;
    std::unordered_map<quint64, Ptr> m_memo;
    std::vector<Created> m_containers;
    std::unordered_set<const InputValue*> m_keep; // reachable from the result
    std::unordered_map<const InputValue*, int> m_depth;
    qint64 m_values = 0;
    qint64 m_stringBytes = 0;
    qint64 m_opStart = 0;
    quint8 m_op = 0;
    Ptr m_root;
    bool m_stopped = false;
};

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

Status PickleMachine::raiseDepth(const InputValue* target, int childDepth) {
    const int depth = childDepth + 1;
    if (depth > m_limits.maxDepth)
        return fail(
            QStringLiteral("values are nested more than %1 levels deep").arg(m_limits.maxDepth));
    int& known = m_depth.try_emplace(target, depthOf(target)).first->second;
    known = std::max(known, depth);
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
        return pushNew(InputValue::boolean(text.value() == "01"));
    const ParsedInt value = parseDecimalInt(text.value());
    if (!value.valid)
        return fail(QStringLiteral("INT operand is not a number"));
    return pushNew(InputValue::integer(value.value));
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
    return pushNew(InputValue::integer(value.value));
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
    return pushNew(InputValue::integer(littleEndianTwosComplement(bytes.value(), length)));
}

Status PickleMachine::opGlobal(const QString& module, const QString& name) {
    if (!isValidGlobalPart(module, m_limits.maxNameLength) ||
        !isValidGlobalPart(name, m_limits.maxNameLength))
        return fail(QStringLiteral("%1 names an invalid class or function \"%2.%3\"")
                        .arg(opText())
                        .arg(module.left(80))
                        .arg(name.left(80)));
    return pushNew(InputValue::global(canonicalGlobalName(module, name)));
}

Status PickleMachine::opMemoGet(quint64 index) {
    const auto it = m_memo.find(index);
    if (it == m_memo.end())
        return fail(QStringLiteral("memo slot %1 is read (%2) before anything was stored in it")
                        .arg(index)
                        .arg(opText()));
    return pushExisting(it->second);
}

Status PickleMachine::opMemoPut(quint64 index) {
    if (frameSize() < 1)
        return need(1);
    auto it = m_memo.find(index);
    if (it != m_memo.end()) {
        it->second = m_stack.back();
        return okStatus();
    }
    if (static_cast<qint64>(m_memo.size()) >= m_limits.maxMemoEntries)
        return fail(
            QStringLiteral("the pickle memo grows beyond %1 entries").arg(m_limits.maxMemoEntries));
    m_memo.emplace(index, m_stack.back());
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
        if (Status s = raiseDepth(target.get(), depthOf(keysAndValues[i + 1].get())); !s)
            return s;
        m_interpreter.entries().insert(*target, key.value(), std::move(keysAndValues[i + 1]));
    }
    return okStatus();
}

Status PickleMachine::finish(Ptr root) {
    std::unordered_set<const InputValue*> reachable;
    auto problem = findGraphProblem(root, m_limits.maxDepth, m_limits.maxExpandedValues, reachable);
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

Status PickleMachine::step() {
    switch (static_cast<Op>(m_op)) {
    // --- framing and protocol -------------------------------------------
    case Op::Proto: {
        auto v = operand(1);
        if (!v)
            return v.error();
        if (v.value() > 5)
            return fail(QStringLiteral("unsupported pickle protocol %1").arg(v.value()));
        return okStatus();
    }
    case Op::Frame: {
        auto n = lengthOperand(8);
        if (!n)
            return n.error();
        if (n.value() > m_in.remaining())
            return fail(QStringLiteral("FRAME declares %1 bytes but only %2 remain")
                            .arg(n.value())
                            .arg(m_in.remaining()));
        return okStatus();
    }
    case Op::Stop: {
        if (Status s = need(1); !s)
            return s;
        return finish(pop());
    }
    // --- stack manipulation ---------------------------------------------
    case Op::Mark:
        if (static_cast<qint64>(m_marks.size()) >= m_limits.maxMarks)
            return fail(QStringLiteral("more than %1 MARKs are open").arg(m_limits.maxMarks));
        m_marks.push_back(m_stack.size());
        return okStatus();
    case Op::Pop:
        if (frameSize() > 0) {
            m_stack.pop_back();
            return okStatus();
        }
        if (!m_marks.empty()) {
            m_marks.pop_back();
            return okStatus();
        }
        return need(1);
    case Op::PopMark: {
        auto items = popMark();
        return items ? okStatus() : Status(items.error());
    }
    case Op::Dup:
        if (Status s = need(1); !s)
            return s;
        return pushExisting(m_stack.back());
    // --- memo -----------------------------------------------------------
    case Op::Get: {
        auto text = line(32);
        if (!text)
            return text.error();
        auto index = parseDecimalUInt(text.value());
        if (!index)
            return fail(QStringLiteral("GET index is not a number"));
        return opMemoGet(*index);
    }
    case Op::BinGet:
    case Op::LongBinGet: {
        auto index = operand(m_op == quint8(Op::BinGet) ? 1 : 4);
        if (!index)
            return index.error();
        return opMemoGet(index.value());
    }
    case Op::Put: {
        auto text = line(32);
        if (!text)
            return text.error();
        auto index = parseDecimalUInt(text.value());
        if (!index)
            return fail(QStringLiteral("PUT index is not a number"));
        return opMemoPut(*index);
    }
    case Op::BinPut:
    case Op::LongBinPut: {
        auto index = operand(m_op == quint8(Op::BinPut) ? 1 : 4);
        if (!index)
            return index.error();
        return opMemoPut(index.value());
    }
    case Op::Memoize:
        return opMemoPut(m_memo.size());
    // --- scalars --------------------------------------------------------
    case Op::None:
        return pushNew(InputValue::none());
    case Op::NewTrue:
    case Op::NewFalse:
        return pushNew(InputValue::boolean(m_op == quint8(Op::NewTrue)));
    case Op::Int:
        return opTextInt();
    case Op::Long:
        return opTextLong();
    case Op::BinInt: {
        auto v = m_in.int32LE();
        if (!v)
            return fail(QStringLiteral("the pickle ends inside BININT"));
        return opInteger(*v);
    }
    case Op::BinInt1:
    case Op::BinInt2: {
        auto v = operand(m_op == quint8(Op::BinInt1) ? 1 : 2);
        if (!v)
            return v.error();
        return opInteger(static_cast<qint64>(v.value()));
    }
    case Op::Long1:
        return opBinaryLong(1);
    case Op::Long4:
        return opBinaryLong(4);
    case Op::BinFloat: {
        auto v = m_in.doubleBE();
        if (!v)
            return fail(QStringLiteral("the pickle ends inside BINFLOAT"));
        return pushNew(InputValue::floating(*v));
    }
    case Op::Float: {
        auto text = line(m_limits.maxLongBytes);
        if (!text)
            return text.error();
        auto v = parsePythonFloat(text.value());
        if (!v)
            return fail(QStringLiteral("FLOAT operand is not a number"));
        return pushNew(InputValue::floating(*v));
    }
    // --- strings and bytes ----------------------------------------------
    case Op::String: {
        auto text = line(m_limits.maxStringBytes);
        if (!text)
            return text.error();
        auto decoded = decodeQuotedString(text.value());
        if (!decoded)
            return fail(QStringLiteral("STRING operand is not a quoted string"));
        return opString(*decoded);
    }
    case Op::Unicode: {
        auto text = line(m_limits.maxStringBytes);
        if (!text)
            return text.error();
        return opString(decodeRawUnicodeEscape(text.value()));
    }
    case Op::BinString:
    case Op::ShortBinString:
    case Op::BinUnicode:
    case Op::ShortBinUnicode:
    case Op::BinUnicode8: {
        qint64 length = 0;
        if (m_op == quint8(Op::BinString)) {
            auto n = m_in.int32LE();
            if (!n)
                return fail(QStringLiteral("the pickle ends inside BINSTRING"));
            length = *n;
        } else {
            const int width =
                (m_op == quint8(Op::ShortBinString) || m_op == quint8(Op::ShortBinUnicode))
                    ? 1
                    : (m_op == quint8(Op::BinUnicode8) ? 8 : 4);
            auto n = lengthOperand(width);
            if (!n)
                return n.error();
            length = n.value();
        }
        auto bytes = payload(length);
        if (!bytes)
            return bytes.error();
        return opString(QString::fromUtf8(bytes.value(), static_cast<int>(length)));
    }
    case Op::BinBytes:
    case Op::ShortBinBytes:
    case Op::BinBytes8:
    case Op::ByteArray8: {
        const int width =
            m_op == quint8(Op::ShortBinBytes) ? 1 : (m_op == quint8(Op::BinBytes) ? 4 : 8);
        auto n = lengthOperand(width);
        if (!n)
            return n.error();
        auto bytes = payload(n.value()); // skipped: only the length is kept
        if (!bytes)
            return bytes.error();
        return pushNew(InputValue::bytes(n.value()));
    }
    // --- containers -----------------------------------------------------
    case Op::EmptyTuple:
        return pushNew(InputValue::tuple());
    case Op::Tuple1:
    case Op::Tuple2:
    case Op::Tuple3: {
        const qint64 n = m_op - quint8(Op::Tuple1) + 1;
        if (Status s = need(n); !s)
            return s;
        std::vector<Ptr> items(std::make_move_iterator(m_stack.end() - n),
                               std::make_move_iterator(m_stack.end()));
        m_stack.resize(m_stack.size() - static_cast<size_t>(n));
        return pushNew(InputValue::tuple(std::move(items)));
    }
    case Op::Tuple:
    case Op::List:
    case Op::FrozenSet: {
        auto items = popMark();
        if (!items)
            return items.error();
        if (m_op == quint8(Op::Tuple))
            return pushNew(InputValue::tuple(std::move(items.value())));
        if (m_op == quint8(Op::List))
            return pushNew(InputValue::list(std::move(items.value())));
        return pushNew(InputValue::set(std::move(items.value())));
    }
    case Op::EmptyList:
        return pushNew(InputValue::list());
    case Op::EmptyDict:
        return pushNew(InputValue::dict());
    case Op::EmptySet:
        return pushNew(InputValue::set());
    case Op::Dict: {
        auto items = popMark();
        if (!items)
            return items.error();
        Ptr dict = InputValue::dict();
        if (Status s = pushNew(dict); !s)
            return s;
        return setItems(dict, std::move(items.value()));
    }
    case Op::Append: {
        if (Status s = need(2); !s)
            return s;
        Ptr item = pop();
        return appendItems(m_stack.back(), {std::move(item)});
    }
    case Op::Appends:
    case Op::SetItems:
    case Op::AddItems: {
        auto items = popMark();
        if (!items)
            return items.error();
        if (Status s = need(1); !s)
            return s;
        const Ptr& target = m_stack.back();
        if (m_op == quint8(Op::SetItems))
            return setItems(target, std::move(items.value()));
        if (m_op == quint8(Op::AddItems) && target->kind() == ValueKind::Set) {
            if (target->size() + static_cast<qint64>(items.value().size()) >
                m_limits.maxContainerEntries)
                return fail(QStringLiteral("a set grows beyond %1 items")
                                .arg(m_limits.maxContainerEntries));
            for (auto& item : items.value()) {
                if (Status s = raiseDepth(target.get(), depthOf(item.get())); !s)
                    return s;
                target->append(std::move(item));
            }
            return okStatus();
        }
        return appendItems(target, std::move(items.value()));
    }
    case Op::SetItem: {
        if (Status s = need(3); !s)
            return s;
        Ptr value = pop();
        Ptr key = pop();
        return setItems(m_stack.back(), {std::move(key), std::move(value)});
    }
    // --- names and calls: descriptions only ------------------------------
    case Op::Global: {
        auto module = line(m_limits.maxNameLength);
        if (!module)
            return module.error();
        auto name = line(m_limits.maxNameLength);
        if (!name)
            return name.error();
        return opGlobal(QString::fromUtf8(module.value()), QString::fromUtf8(name.value()));
    }
    case Op::StackGlobal: {
        if (Status s = need(2); !s)
            return s;
        Ptr name = pop();
        Ptr module = pop();
        if (module->kind() != ValueKind::Str || name->kind() != ValueKind::Str)
            return fail(QStringLiteral("STACK_GLOBAL needs two strings, got %1 and %2")
                            .arg(kindName(module->kind()), kindName(name->kind())));
        return opGlobal(module->scalar().toString(), name->scalar().toString());
    }
    case Op::PersId: {
        auto text = line(m_limits.maxNameLength);
        if (!text)
            return text.error();
        return opCall(
            m_interpreter.persistentLoad(InputValue::string(QString::fromUtf8(text.value()))));
    }
    case Op::BinPersId: {
        if (Status s = need(1); !s)
            return s;
        return opCall(m_interpreter.persistentLoad(pop()));
    }
    case Op::Reduce: {
        if (Status s = need(2); !s)
            return s;
        Ptr args = pop();
        Ptr callable = pop();
        if (args->kind() != ValueKind::Tuple)
            return fail(QStringLiteral("REDUCE needs a tuple of arguments, got a %1")
                            .arg(kindName(args->kind())));
        return opCall(m_interpreter.call(callable, args));
    }
    case Op::NewObj: {
        if (Status s = need(2); !s)
            return s;
        Ptr args = pop();
        Ptr cls = pop();
        if (args->kind() != ValueKind::Tuple)
            return fail(QStringLiteral("NEWOBJ needs a tuple of arguments, got a %1")
                            .arg(kindName(args->kind())));
        return opCall(m_interpreter.newObject(cls, args, nullptr));
    }
    case Op::NewObjEx: {
        if (Status s = need(3); !s)
            return s;
        Ptr kwargs = pop();
        Ptr args = pop();
        Ptr cls = pop();
        if (args->kind() != ValueKind::Tuple || kwargs->kind() != ValueKind::Dict)
            return fail(QStringLiteral("NEWOBJ_EX needs a tuple and a dict, got a %1 and a %2")
                            .arg(kindName(args->kind()), kindName(kwargs->kind())));
        return opCall(m_interpreter.newObject(cls, args, kwargs));
    }
    case Op::Inst: {
        auto module = line(m_limits.maxNameLength);
        if (!module)
            return module.error();
        auto name = line(m_limits.maxNameLength);
        if (!name)
            return name.error();
        const QString m = QString::fromUtf8(module.value()), n = QString::fromUtf8(name.value());
        if (!isValidGlobalPart(m, m_limits.maxNameLength) ||
            !isValidGlobalPart(n, m_limits.maxNameLength))
            return fail(QStringLiteral("INST names an invalid class"));
        auto items = popMark();
        if (!items)
            return items.error();
        Ptr cls = InputValue::global(canonicalGlobalName(m, n));
        Ptr args = InputValue::tuple(std::move(items.value()));
        m_containers.push_back({args, m_opStart});
        return opCall(m_interpreter.newObject(cls, args, nullptr));
    }
    case Op::Obj: {
        auto items = popMark();
        if (!items)
            return items.error();
        if (items.value().empty())
            return fail(QStringLiteral("OBJ needs a class after its MARK"));
        Ptr cls = items.value().front();
        Ptr args =
            InputValue::tuple(std::vector<Ptr>(items.value().begin() + 1, items.value().end()));
        m_containers.push_back({args, m_opStart});
        return opCall(m_interpreter.newObject(cls, args, nullptr));
    }
    case Op::Build: {
        if (Status s = need(2); !s)
            return s;
        Ptr state = pop();
        Status s = m_interpreter.setState(m_stack.back(), state);
        if (!s)
            return located(s.error());
        return raiseDepth(m_stack.back().get(), depthOf(state.get()) - 1);
    }
    // --- refused --------------------------------------------------------
    case Op::Ext1:
    case Op::Ext2:
    case Op::Ext4:
        return fail(QStringLiteral("%1 refers to the copyreg extension registry, which torch "
                                   "files never use")
                        .arg(opText()));
    case Op::NextBuffer:
        return fail(
            QStringLiteral("NEXT_BUFFER needs out-of-band buffers, which a file cannot carry"));
    case Op::ReadOnlyBuffer:
        return need(1);
    }
    return fail(QStringLiteral("unknown pickle opcode %1 (the data is damaged or not a pickle)")
                    .arg(opText()));
}

} // namespace

Result<PickleOutcome> runPickle(const char* data, qint64 size, const PickleSource& source,
                                PickleInterpreter& interpreter, const PickleLimits& limits) {
    PickleMachine machine(data, size, source, interpreter, limits);
    return machine.run();
}

} // namespace ds::pt
