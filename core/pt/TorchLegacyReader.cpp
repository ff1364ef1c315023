#include "TorchLegacyReader.h"

#include "ByteCursor.h"
#include "PickleMachine.h"
#include "TorchInterpreter.h"
#include "ValueGraphCheck.h"

#include <QFile>
#include <QFileInfo>

#include <unordered_set>

namespace ds::pt {

namespace {

using Ptr = InputValue::Ptr;

// The magic number torch writes first, 0x1950a86a20f9469cfc6c, as LONG1 bytes.
const char kMagicBytes[] = "\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19";
constexpr qint64 kProtocolVersion = 1001;

// The header pickles hold plain data; anything that would call code there is
// not a torch file.
class HeaderInterpreter : public PickleInterpreter {
public:
    Result<Ptr> persistentLoad(const Ptr&) override { return refuse(); }
    Result<Ptr> call(const Ptr&, const Ptr&) override { return refuse(); }
    Result<Ptr> newObject(const Ptr&, const Ptr&, const Ptr&) override { return refuse(); }
    Status setState(const Ptr&, const Ptr&) override { return refuse().error(); }

private:
    static Result<Ptr> refuse() {
        return Error(QStringLiteral("the header of a legacy torch file holds an object; the file "
                                    "is damaged or not a torch file"));
    }
};

struct Mapped {
    const char* data = nullptr;
    qint64 size = 0;
};

class LegacyReader {
public:
    LegacyReader(const QString& path, const PickleLimits& limits)
        : m_path(path), m_limits(limits) {}
    Result<LoadedInputs> read();

private:
    Error fail(qint64 offset, const QString& message) const {
        return Error(message, QStringLiteral("byte %1").arg(offset), m_path);
    }
    Result<PickleOutcome> header(PickleInterpreter& interpreter, const PickleLimits& limits);
    Status checkMagic(const PickleOutcome& magic, qint64 start) const;
    Status locateStorages(const InputValue& keys, qint64 keysOffset, const TorchInterpreter& torch);
    void attachFileOffsets(const Ptr& root) const;

    QString m_path;
    const PickleLimits& m_limits;
    Mapped m_file;
    qint64 m_pos = 0;
    QString m_name;
    QHash<QString, qint64> m_dataOffset; // storage key -> first byte of its data
};

Result<PickleOutcome> LegacyReader::header(PickleInterpreter& interpreter,
                                           const PickleLimits& limits) {
    auto outcome = runPickle(m_file.data + m_pos, m_file.size - m_pos, PickleSource{m_name, m_pos},
                             interpreter, limits);
    if (!outcome)
        return outcome.error().withFile(m_path);
    m_pos += outcome.value().consumed;
    return outcome;
}

Status LegacyReader::checkMagic(const PickleOutcome& magic, qint64 start) const {
    // The magic does not fit in 64 bits, so the tree only says "an int";
    // compare its bytes in the file instead: the pickle must be the int
    // itself (PROTO, an optional FRAME, LONG1 of the ten bytes, STOP), not a
    // pickle that merely holds those bytes somewhere, in a string say.
    const QByteArray head(m_file.data + start, static_cast<int>(qMin<qint64>(magic.consumed, 32)));
    qsizetype at = 0;
    if (head.size() >= 2 && head[0] == '\x80')
        at = 2;
    if (head.size() >= at + 9 && head[at] == '\x95')
        at += 9;
    const QByteArray expected = QByteArray("\x8a\x0a", 2) + QByteArray(kMagicBytes, 10) + '.';
    if (magic.root->kind() != ValueKind::Int || head.mid(at) != expected)
        return fail(start, QStringLiteral("not a torch.save file: it starts with a pickle that is "
                                          "not torch's magic number"));
    return okStatus();
}

Status LegacyReader::locateStorages(const InputValue& keys, qint64 keysOffset,
                                    const TorchInterpreter& torch) {
    if (keys.kind() != ValueKind::List && keys.kind() != ValueKind::Tuple)
        return fail(
            keysOffset,
            QStringLiteral("the storage key list is a %1, not a list").arg(kindName(keys.kind())));
    QHash<QString, StorageInfo> announced;
    for (const StorageInfo& s : torch.storagesByKey())
        announced.insert(s.key, s);
    for (const auto& keyValue : keys.items()) {
        if (keyValue->kind() != ValueKind::Str)
            return fail(
                keysOffset,
                QStringLiteral("the storage key list holds a %1").arg(kindName(keyValue->kind())));
        const QString key = keyValue->scalar().toString();
        const auto it = announced.constFind(key);
        if (it == announced.constEnd())
            return fail(m_pos, QStringLiteral("storage %1 is listed but never used, so its element "
                                              "size (and where the next one starts) is unknown")
                                   .arg(key.left(80)));
        if (m_dataOffset.contains(key))
            return fail(keysOffset, QStringLiteral("storage %1 is listed twice").arg(key));
        ByteCursor cursor(m_file.data + m_pos, m_file.size - m_pos);
        auto count = cursor.uintLE(8);
        if (!count)
            return fail(
                m_pos,
                QStringLiteral("the file ends where storage %1 should start (truncated)").arg(key));
        const qint64 elements = static_cast<qint64>(*count);
        qint64 bytes = 0;
        if (elements < 0 || __builtin_mul_overflow(elements, qint64(it->elementBytes), &bytes))
            return fail(m_pos, QStringLiteral("storage %1 declares an impossible size").arg(key));
        if (elements < it->numel)
            return fail(m_pos,
                        QStringLiteral("storage %1 holds %2 elements but the pickle announces %3")
                            .arg(key)
                            .arg(elements)
                            .arg(it->numel));
        if (bytes > m_file.size - m_pos - 8)
            return fail(m_pos,
                        QStringLiteral("storage %1 needs %2 bytes but only %3 remain: the file "
                                       "is truncated")
                            .arg(key)
                            .arg(bytes)
                            .arg(m_file.size - m_pos - 8));
        m_dataOffset.insert(key, m_pos + 8);
        m_pos += 8 + bytes;
    }
    for (auto it = announced.cbegin(); it != announced.cend(); ++it)
        if (!m_dataOffset.contains(it.key()))
            return fail(it->pidOffset,
                        QStringLiteral("storage key %1 is used by the pickle but missing "
                                       "from the file's storage list")
                            .arg(it.key()));
    return okStatus();
}

void LegacyReader::attachFileOffsets(const Ptr& root) const {
    visitValues(root, [this](InputValue& node) {
        if (node.kind() == ValueKind::Tensor && !node.tensorInfo().storageKey.isEmpty())
            node.tensorInfo().storageFileOffset =
                m_dataOffset.value(node.tensorInfo().storageKey, -1);
    });
}

Result<LoadedInputs> LegacyReader::read() {
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("cannot open the file: %1").arg(file.errorString()), QString(),
                     m_path);
    m_file.size = file.size();
    if (m_file.size <= 0)
        return Error(QStringLiteral("the file is empty"), QString(), m_path);
    // Mapping reads only the pages the pickles and storage headers touch.
    uchar* mapped = file.map(0, m_file.size);
    if (!mapped)
        return Error(QStringLiteral("cannot map the file: %1").arg(file.errorString()), QString(),
                     m_path);
    m_file.data = reinterpret_cast<const char*>(mapped);
    m_name = QFileInfo(m_path).fileName();

    PickleLimits small = m_limits;
    small.maxValues = 10'000;
    HeaderInterpreter plain;
    const qint64 magicStart = m_pos;
    auto magic = header(plain, small);
    if (!magic)
        return magic.error();
    if (Status s = checkMagic(magic.value(), magicStart); !s)
        return s.error();
    const qint64 versionStart = m_pos;
    auto version = header(plain, small);
    if (!version)
        return version.error();
    const InputValue& v = *version.value().root;
    if (v.kind() != ValueKind::Int || v.scalar().toLongLong() != kProtocolVersion)
        return fail(versionStart,
                    QStringLiteral("unsupported legacy torch protocol version (expected %1)")
                        .arg(kProtocolVersion));
    auto sysInfo = header(plain, small);
    if (!sysInfo)
        return sysInfo.error();

    TorchInterpreter torch([](const StorageInfo&) { return okStatus(); }, m_limits);
    auto object = header(torch, m_limits);
    if (!object)
        return object.error();
    const qint64 keysOffset = m_pos;
    auto keys = header(plain, m_limits);
    if (!keys)
        return keys.error();
    if (Status s = locateStorages(*keys.value().root, keysOffset, torch); !s)
        return s.error();
    attachFileOffsets(object.value().root);
    torch.describeStorages(object.value().root);

    LoadedInputs loaded;
    loaded.root = object.value().root;
    loaded.warnings = torch.warnings();
    loaded.untrustedNames = torch.untrustedNames();
    const InputValue& info = *sysInfo.value().root;
    if (info.kind() == ValueKind::Dict) {
        const auto little = info.value(Key::str(QStringLiteral("little_endian")));
        if (little && little->kind() == ValueKind::Bool && !little->scalar().toBool())
            loaded.warnings << QStringLiteral("the file was written on a big-endian machine");
    }
    loaded.path = m_path;
    loaded.format = QStringLiteral("torch-legacy");
    return loaded;
}

} // namespace

Result<LoadedInputs> readTorchLegacy(const QString& path, const PickleLimits& limits) {
    LegacyReader reader(path, limits);
    return reader.read();
}

} // namespace ds::pt
