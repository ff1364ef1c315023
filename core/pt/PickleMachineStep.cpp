#include "PickleMachineState.h"

namespace ds::pt::detail {

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
        auto index = textMemoIndex("GET");
        return index ? opMemoGet(index.value()) : Status(index.error());
    }
    case Op::BinGet:
    case Op::LongBinGet: {
        auto index = operand(m_op == quint8(Op::BinGet) ? 1 : 4);
        if (!index)
            return index.error();
        return opMemoGet(index.value());
    }
    case Op::Put: {
        auto index = textMemoIndex("PUT");
        return index ? opMemoPut(index.value()) : Status(index.error());
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
        return pushNew(m_scalars.none());
    case Op::NewTrue:
    case Op::NewFalse:
        return pushNew(m_scalars.boolean(m_op == quint8(Op::NewTrue)));
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
        for (const auto& item : items.value())
            if (Status s = PickleInterpreter::checkHashable(*item, "a frozenset item"); !s)
                return located(s.error());
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
                if (Status s = PickleInterpreter::checkHashable(*item, "a set item"); !s)
                    return located(s.error());
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
        auto cls = judgedGlobal(QString::fromUtf8(module.value()), QString::fromUtf8(name.value()));
        if (!cls)
            return cls.error();
        auto items = popMark();
        if (!items)
            return items.error();
        Ptr args = InputValue::tuple(std::move(items.value()));
        m_containers.push_back({args, m_opStart});
        return opCall(m_interpreter.newObject(cls.value(), args, nullptr));
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

} // namespace ds::pt::detail
