#include "TorchInterpreter.h"

#include "RecognisedNames.h"
#include "RefusedCalls.h"
#include "StorageClasses.h"
#include "TensorExtent.h"
#include "ValueGraphCheck.h"

#include <QSet>

namespace ds::pt {

namespace {

using Ptr = InputValue::Ptr;

bool isKeyCharacter(QChar c) {
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

// Record keys become parts of zip entry names: keep them to plain words so
// that "../x" or "a/b" can never reach the archive lookup.
bool isSafeStorageKey(const QString& key) {
    if (key.isEmpty() || key.size() > 64)
        return false;
    for (const QChar c : key)
        if (!isKeyCharacter(c) || c.unicode() > 127)
            return false;
    return true;
}

} // namespace

TorchInterpreter::TorchInterpreter(StorageCheck check, const PickleLimits& limits)
    : m_check(std::move(check)), m_limits(limits) {}

void TorchInterpreter::noteGlobal(const QString& name) {
    if (!isRecognisedClass(name) && !m_untrusted.contains(name))
        m_untrusted << name;
}

void TorchInterpreter::noteClass(const QString& name) {
    if (isRecognisedClass(name))
        return;
    noteGlobal(name);
    warnOnce(QStringLiteral("unrecognised class %1: shown as a description of its pickled "
                            "state")
                 .arg(name));
}

// --- storages ---------------------------------------------------------------

Result<StorageInfo> TorchInterpreter::storageFromPid(const InputValue& pid) {
    const QString fn = QStringLiteral("persistent id");
    if (pid.kind() != ValueKind::Tuple || pid.size() < 5 || pid.size() > 6)
        return Error(QStringLiteral("unsupported persistent id: expected ('storage', class, key, "
                                    "location, size), got a %1 of %2 items")
                         .arg(kindName(pid.kind()))
                         .arg(pid.size()));
    CallArguments args(fn, pid);
    auto tag = args.string(0, "tag");
    if (!tag || tag.value() != QLatin1String("storage"))
        return Error(QStringLiteral("unsupported persistent id: its tag is not 'storage'"));
    const InputValue& cls = *args.at(1);
    if (cls.kind() != ValueKind::Global)
        return args.error(1, "storage class", QStringLiteral("must be a class"));
    StorageInfo info;
    info.className = cls.className();
    // Every persistent id of a file names one of a few classes: remember the
    // last one rather than parse its name once per tensor.
    if (m_lastStorageClassName != info.className) {
        m_lastStorageClass = storageClassFromName(cls.shortClassName());
        m_lastStorageClassName = info.className;
    }
    const StorageClass sc = m_lastStorageClass;
    if (!sc.known)
        return Error(QStringLiteral("unknown storage class %1").arg(cls.className()));
    info.dtype = sc.dtype;
    info.untyped = sc.untyped;
    info.quantized = sc.quantized;
    info.elementBytes = sc.elementBytes;

    auto key = args.at(2)->kind() == ValueKind::Int
                   ? Result<QString>(QString::number(args.at(2)->scalar().toLongLong()))
                   : args.string(2, "key");
    if (!key)
        return key.error();
    if (!isSafeStorageKey(key.value()))
        return args.error(
            2, "key",
            QStringLiteral("\"%1\" is not a plain record name").arg(key.value().left(80)));
    info.key = key.value();
    info.keyNumber = plainRecordNumber(info.key);

    auto location = args.string(3, "location");
    if (!location)
        return location.error();
    if (location.value().size() > 64)
        return args.error(3, "location", QStringLiteral("is longer than 64 characters"));
    info.location = location.value();

    auto numel = args.integer(4, "size");
    if (!numel)
        return numel.error();
    if (numel.value() < 0)
        return args.error(4, "size", QStringLiteral("is negative (%1)").arg(numel.value()));
    info.numel = numel.value();
    if (!multiplyChecked(info.numel, info.elementBytes, &info.bytes))
        return args.error(
            4, "size", QStringLiteral("%1 elements overflow 64-bit byte counts").arg(info.numel));

    if (pid.size() == 6 && args.at(5)->kind() != ValueKind::None) {
        // Pre-1.6 view of a storage: (view_key, offset, view_size).
        const InputValue& view = *args.at(5);
        if (view.kind() != ValueKind::Tuple || view.size() != 3)
            return args.error(5, "view", QStringLiteral("must be (key, offset, size)"));
        CallArguments v(QStringLiteral("storage view"), view);
        auto offset = v.integer(1, "offset");
        if (!offset)
            return offset.error();
        auto size = v.integer(2, "size");
        if (!size)
            return size.error();
        if (offset.value() < 0 || size.value() < 0 || offset.value() > info.numel ||
            size.value() > info.numel - offset.value())
            return Error(
                QStringLiteral("storage view [%1, +%2) lies outside storage %3 of %4 elements")
                    .arg(offset.value())
                    .arg(size.value())
                    .arg(info.key)
                    .arg(info.numel));
        info.viewOffset = offset.value();
        info.viewNumel = size.value();
    }
    info.pidOffset = opcodeOffset();
    return info;
}

const StorageInfo* TorchInterpreter::conflictingAnnouncement(const StorageInfo& info) {
    const qsizetype index = static_cast<qsizetype>(m_storages.size()); // info's, once added
    const qint64 number = info.keyNumber;
    qsizetype first = -1;
    if (!m_firstByName.isEmpty())
        first = m_firstByName.value(info.key, -1);
    if (first < 0 && number >= 0 && static_cast<size_t>(number) < m_firstByNumber.size())
        first = m_firstByNumber[static_cast<size_t>(number)];
    if (first < 0) {
        // Torch numbers keys 0, 1, 2, ...: a vector indexed by them stays
        // dense; a number far past the count (a hand-made file) goes to the hash.
        if (number >= 0 && number < 2 * static_cast<qint64>(index) + 4096) {
            if (static_cast<size_t>(number) >= m_firstByNumber.size())
                m_firstByNumber.resize(static_cast<size_t>(number) + 1, -1);
            m_firstByNumber[static_cast<size_t>(number)] = static_cast<qint32>(index);
        } else {
            m_firstByName.insert(info.key, index);
        }
        return nullptr;
    }
    const StorageInfo& was = m_storages[static_cast<size_t>(first)];
    if (was.className == info.className && was.numel == info.numel)
        return nullptr;
    if ((was.untyped || info.untyped) && was.bytes == info.bytes)
        return nullptr; // the same bytes, once counted in bytes
    return &was;
}

Result<Ptr> TorchInterpreter::persistentLoad(const Ptr& pid) {
    // Pre-1.6 files saved whole modules as ('module', class, source file, source).
    if (pid->kind() == ValueKind::Tuple && pid->size() == 4 &&
        pid->at(0)->kind() == ValueKind::Str &&
        pid->at(0)->scalar().toString() == QLatin1String("module") &&
        pid->at(1)->kind() == ValueKind::Global) {
        noteClass(pid->at(1)->className());
        return pid->at(1);
    }
    auto info = storageFromPid(*pid);
    if (!info)
        return info.error();
    // torch.save refuses to save views of one storage as different types,
    // and a storage has one size.
    if (const StorageInfo* was = conflictingAnnouncement(info.value()))
        return Error(QStringLiteral("storage %1 is announced twice, as %2 of %3 and as %4 of %5; "
                                    "torch.save writes a storage once")
                         .arg(info.value().key)
                         .arg(was->numel)
                         .arg(was->className)
                         .arg(info.value().numel)
                         .arg(info.value().className));
    if (Status s = m_check(info.value()); !s)
        return s.error();
    // The node carries its index into m_storages (see storageOf), and goes
    // as soon as the tensor built from it does. Its fields (key, location,
    // size) are written only if the result holds it (describeStorages): for
    // the one storage node per tensor, they were a tenth of a read.
    Ptr node = InputValue::object(info.value().className);
    node->setScalar(static_cast<qint64>(m_storages.size()));
    m_storages.push_back(std::move(info).value());
    return node;
}

void TorchInterpreter::describeStorages(const InputValue::Ptr& root) const {
    visitValues(root, [this](InputValue& node) {
        const StorageInfo* info = storageOf(node);
        if (!info || node.size() > 0)
            return;
        node.reserveEntries(3);
        node.appendEntry(Key::str(QStringLiteral("key")), InputValue::string(info->key));
        node.appendEntry(Key::str(QStringLiteral("location")), InputValue::string(info->location));
        node.appendEntry(Key::str(QStringLiteral("size")), InputValue::integer(info->numel));
    });
}

std::vector<StorageInfo> TorchInterpreter::storagesByKey() const {
    std::vector<StorageInfo> out;
    QSet<QString> seen;
    for (const StorageInfo& info : m_storages) {
        if (seen.contains(info.key))
            continue;
        seen.insert(info.key);
        out.push_back(info);
    }
    return out;
}

// --- calls -----------------------------------------------------------------

Result<Ptr> TorchInterpreter::call(const Ptr& callable, const Ptr& args) {
    if (callable->kind() != ValueKind::Global)
        return Error(QStringLiteral("REDUCE calls %1, which is not a class or function")
                         .arg(callable->kind() == ValueKind::Object
                                  ? callable->className()
                                  : QStringLiteral("a ") + kindName(callable->kind())));
    return callNamed(callable->className(), args, 0);
}

Result<Ptr> TorchInterpreter::callNamed(const QString& name, const Ptr& args, int depth) {
    CallArguments arguments(name, *args);
    bool handled = false;
    auto tensor = callTensorFunction(name, arguments, depth, &handled);
    if (handled)
        return tensor;
    auto builtin = callBuiltin(name, arguments, &handled);
    if (handled)
        return builtin;
    return describe(name, args, nullptr);
}

Result<Ptr> TorchInterpreter::describe(const QString& name, const Ptr& args, const Ptr& kwargs) {
    if (Status s = chargeCopies(args ? args->size() : 0, m_limits.maxCopiedItems); !s)
        return s.error();
    noteClass(name);
    Ptr object = InputValue::object(name);
    std::vector<Ptr> arguments = args ? args->items() : std::vector<Ptr>{};
    if (kwargs && kwargs->size() > 0)
        arguments.push_back(kwargs);
    object->setArguments(std::move(arguments));
    return object;
}

Result<Ptr> TorchInterpreter::callBuiltin(const QString& name, const CallArguments& args,
                                          bool* handled) {
    *handled = true;
    if (name == QLatin1String("collections.OrderedDict") ||
        name == QLatin1String("builtins.dict") ||
        name == QLatin1String("collections.defaultdict")) {
        Ptr dict = InputValue::dict();
        if (name != QLatin1String("builtins.dict"))
            dict->setClassName(name);
        // OrderedDict([(k, v), ...]); defaultdict(factory) keeps no items.
        if (name != QLatin1String("collections.defaultdict") && args.count() >= 1 &&
            (args.at(0)->kind() == ValueKind::List || args.at(0)->kind() == ValueKind::Tuple)) {
            if (Status s = chargeCopies(args.at(0)->size(), m_limits.maxCopiedItems); !s)
                return s.error();
            for (const auto& pair : args.at(0)->items()) {
                if (!pair ||
                    (pair->kind() != ValueKind::Tuple && pair->kind() != ValueKind::List) ||
                    pair->size() != 2)
                    return args.error(0, "items", QStringLiteral("must be (key, value) pairs"));
                auto key = keyOf(*pair->at(0));
                if (!key)
                    return key.error();
                if (Status s = chargeKey(key.value(), m_limits.maxCopiedItems); !s)
                    return s.error();
                entries().insert(*dict, key.value(), pair->at(1));
            }
        }
        return dict;
    }
    if (name == QLatin1String("builtins.set") || name == QLatin1String("builtins.frozenset") ||
        name == QLatin1String("builtins.list") || name == QLatin1String("builtins.tuple") ||
        name == QLatin1String("torch.Size")) {
        std::vector<Ptr> items;
        if (args.count() >= 1) {
            const ValueKind k = args.at(0)->kind();
            if (k != ValueKind::List && k != ValueKind::Tuple && k != ValueKind::Set)
                return args.error(0, "items", QStringLiteral("must be a list or tuple"));
            if (Status s = chargeCopies(args.at(0)->size(), m_limits.maxCopiedItems); !s)
                return s.error();
            items = args.at(0)->items();
        }
        if (name.endsWith(QLatin1String("set"))) {
            for (const auto& item : items)
                if (item)
                    if (Status s = checkHashable(*item, "a set item"); !s)
                        return s.error();
            return InputValue::set(std::move(items));
        }
        if (name == QLatin1String("builtins.list"))
            return InputValue::list(std::move(items));
        return InputValue::tuple(std::move(items)); // torch.Size is a tuple subclass
    }
    if (name == QLatin1String("_codecs.encode") || name == QLatin1String("builtins.bytes") ||
        name == QLatin1String("builtins.bytearray")) {
        // Protocol 2 pickles bytes as _codecs.encode(text, 'latin1'): the
        // length is all the tree keeps.
        qint64 length = 0;
        if (args.count() >= 1) {
            const InputValue& v = *args.at(0);
            if (v.kind() == ValueKind::Str)
                length = v.scalar().toString().size();
            else if (v.kind() == ValueKind::Bytes)
                length = v.byteLength();
            else if (v.kind() == ValueKind::List || v.kind() == ValueKind::Tuple)
                length = v.size();
            else if (v.kind() == ValueKind::Int && v.scalar().isValid())
                length = qMax<qint64>(0, v.scalar().toLongLong());
        }
        return InputValue::bytes(length);
    }
    if (name == QLatin1String("copyreg._reconstructor")) {
        // copyreg._reconstructor(cls, base, state): protocol 0/1 objects.
        if (Status s = args.requireCount(2, 3); !s)
            return s.error();
        if (args.at(0)->kind() != ValueKind::Global)
            return args.error(0, "class", QStringLiteral("must be a class"));
        const QString cls = args.at(0)->className();
        noteClass(cls);
        return InputValue::object(cls);
    }
    *handled = false;
    return Ptr();
}

Result<Ptr> TorchInterpreter::newObject(const Ptr& cls, const Ptr& args, const Ptr& kwargs) {
    if (cls->kind() != ValueKind::Global)
        return Error(QStringLiteral("an object is created from %1, which is not a class")
                         .arg(cls->kind() == ValueKind::Object
                                  ? cls->className()
                                  : QStringLiteral("a ") + kindName(cls->kind())));
    const QString name = cls->className();
    // cls.__new__(cls) of a container type makes an empty container; items follow.
    if (name == QLatin1String("collections.OrderedDict") ||
        name == QLatin1String("builtins.dict")) {
        Ptr dict = InputValue::dict();
        if (name != QLatin1String("builtins.dict"))
            dict->setClassName(name);
        return dict;
    }
    if (name == QLatin1String("builtins.set"))
        return InputValue::set();
    if (name == QLatin1String("builtins.list"))
        return InputValue::list();
    return describe(name, args, kwargs);
}

Status TorchInterpreter::setState(const Ptr& target, const Ptr& state) {
    switch (target->kind()) {
    case ValueKind::Object:
        break;
    case ValueKind::Dict:
    case ValueKind::List:
    case ValueKind::Set:
    case ValueKind::Tensor:
        // Attributes on a container subclass or a tensor (OrderedDict's
        // _metadata in a state_dict, tensor subclass state): not part of the
        // structure the tool shows.
        return okStatus();
    case ValueKind::Global:
        return Error(QStringLiteral("the file changes attributes of class %1 (BUILD on a class); "
                                    "refused")
                         .arg(target->className()));
    default:
        return Error(QStringLiteral("BUILD sets state on a %1, which has none")
                         .arg(kindName(target->kind())));
    }
    // __dict__ state, or (__dict__, __slots__ state) as Python writes it.
    std::vector<Ptr> parts;
    if (state->kind() == ValueKind::Tuple && state->size() == 2 &&
        (state->at(0)->kind() == ValueKind::Dict || state->at(0)->kind() == ValueKind::None) &&
        (state->at(1)->kind() == ValueKind::Dict || state->at(1)->kind() == ValueKind::None))
        parts = state->items();
    else
        parts = {state};
    for (const auto& part : parts) {
        if (part->kind() == ValueKind::None)
            continue;
        if (Status s = chargeCopies(part->size() + 1, m_limits.maxCopiedItems); !s)
            return s;
        if (part->kind() != ValueKind::Dict) {
            // A custom __setstate__ payload: keep it whole.
            entries().insert(*target, Key::str(QStringLiteral("__state__")), part);
            continue;
        }
        // A dict's keys are distinct: into an object without fields they can
        // be appended as they are, without hashing each one.
        const bool fresh = target->size() == 0;
        for (int i = 0; i < part->size(); ++i) {
            const Key& key = part->keys()[static_cast<size_t>(i)];
            if (fresh)
                target->appendEntry(key, part->at(i));
            else
                entries().insert(*target, key, part->at(i));
        }
    }
    return okStatus();
}

} // namespace ds::pt
