#include "PickleMemoReads.h"

#include "ByteCursor.h"
#include "PickleOpcodes.h"
#include "PickleText.h"

namespace ds::pt {

namespace {

// Operand layouts; every opcode the reader knows has exactly one.
enum class Operand { None, Fixed, Line, TwoLines, Counted, Read, ReadLine, Bail };

struct Layout {
    Operand kind = Operand::Bail;
    int width = 0; // Fixed: bytes; Counted, Read: bytes of the length or index
};

Layout layoutOf(quint8 op) {
    switch (static_cast<Op>(op)) {
    case Op::Mark:
    case Op::Pop:
    case Op::PopMark:
    case Op::Dup:
    case Op::None:
    case Op::BinPersId:
    case Op::Reduce:
    case Op::Append:
    case Op::Build:
    case Op::Dict:
    case Op::EmptyDict:
    case Op::Appends:
    case Op::List:
    case Op::EmptyList:
    case Op::Obj:
    case Op::SetItem:
    case Op::Tuple:
    case Op::EmptyTuple:
    case Op::SetItems:
    case Op::NewObj:
    case Op::Tuple1:
    case Op::Tuple2:
    case Op::Tuple3:
    case Op::NewTrue:
    case Op::NewFalse:
    case Op::EmptySet:
    case Op::AddItems:
    case Op::FrozenSet:
    case Op::NewObjEx:
    case Op::StackGlobal:
    case Op::NextBuffer:
    case Op::ReadOnlyBuffer:
        return {Operand::None, 0};
    case Op::BinInt1:
    case Op::BinPut:
    case Op::Proto:
    case Op::Ext1:
        return {Operand::Fixed, 1};
    case Op::BinInt2:
    case Op::Ext2:
        return {Operand::Fixed, 2};
    case Op::BinInt:
    case Op::LongBinPut:
    case Op::Ext4:
        return {Operand::Fixed, 4};
    case Op::BinFloat:
    case Op::Frame: // a frame's bytes are opcodes: read on
        return {Operand::Fixed, 8};
    case Op::Int:
    case Op::Long:
    case Op::Float:
    case Op::String:
    case Op::Unicode:
    case Op::PersId:
    case Op::Put:
        return {Operand::Line, 0};
    case Op::Global:
    case Op::Inst:
        return {Operand::TwoLines, 0};
    case Op::ShortBinString:
    case Op::ShortBinBytes:
    case Op::ShortBinUnicode:
    case Op::Long1:
        return {Operand::Counted, 1};
    case Op::BinString:
    case Op::BinUnicode:
    case Op::BinBytes:
    case Op::Long4:
        return {Operand::Counted, 4};
    case Op::BinUnicode8:
    case Op::BinBytes8:
    case Op::ByteArray8:
        return {Operand::Counted, 8};
    case Op::BinGet:
        return {Operand::Read, 1};
    case Op::LongBinGet:
        return {Operand::Read, 4};
    case Op::Get:
        return {Operand::ReadLine, 0};
    default: // MEMOIZE, STOP and unknown bytes are handled by the caller
        return {Operand::Bail, 0};
    }
}

void markRead(MemoReads& reads, quint64 slot) {
    if (slot < MemoReads::kDenseLimit) {
        if (slot >= reads.dense.size())
            reads.dense.resize(slot + 1);
        reads.dense[slot] = true;
    } else {
        reads.sparse.insert(slot);
    }
}

} // namespace

std::optional<MemoReads> findMemoReads(const char* data, qint64 size) {
    ByteCursor in(data, size);
    MemoReads reads;
    while (auto op = in.u8()) {
        if (*op == quint8(Op::Stop))
            return reads;
        const Layout layout = layoutOf(*op);
        switch (layout.kind) {
        case Operand::None:
            break;
        case Operand::Fixed:
            if (!in.take(layout.width))
                return std::nullopt;
            break;
        case Operand::Line:
            if (!in.line(in.remaining()))
                return std::nullopt;
            break;
        case Operand::TwoLines:
            if (!in.line(in.remaining()) || !in.line(in.remaining()))
                return std::nullopt;
            break;
        case Operand::Counted: {
            const auto length = in.uintLE(layout.width);
            // LONG4 and the 4-byte strings are signed: a "negative" length
            // fails in the reader, and here it is past the end anyway.
            if (!length || *length > static_cast<quint64>(in.remaining()) ||
                !in.take(static_cast<qint64>(*length)))
                return std::nullopt;
            break;
        }
        case Operand::Read: {
            const auto slot = in.uintLE(layout.width);
            if (!slot)
                return std::nullopt;
            markRead(reads, *slot);
            break;
        }
        case Operand::ReadLine: {
            // The reader's own parse (at most 32 characters, decimal).
            const auto text = in.line(32);
            const auto slot = text ? parseDecimalUInt(*text) : std::nullopt;
            if (!slot)
                return std::nullopt;
            markRead(reads, *slot);
            break;
        }
        case Operand::Bail:
            return std::nullopt;
        }
    }
    return std::nullopt; // no STOP: the reader reports it
}

} // namespace ds::pt
