#pragma once

#include "CallArguments.h"
#include "PickleInterpreter.h"
#include "PickleLimits.h"
#include "StorageClasses.h"
#include "StorageInfo.h"

#include <QHash>

#include <optional>
#include <vector>

namespace ds::pt {

// What torch.save pickles mean, as descriptions: storages from persistent ids,
// tensors and parameters from torch's _rebuild_* functions, OrderedDict, sets,
// torch.Size, torch.device, dtypes, and any other class as an Object whose
// fields are its pickled state (transformers caches included). Classes it does
// not know produce one warning each; calls that can only mean running code
// (os.system, eval, ...) are errors. Nothing is ever called.
class TorchInterpreter : public PickleInterpreter {
public:
    TorchInterpreter(StorageCheck check, const PickleLimits& limits);

    Result<InputValue::Ptr> persistentLoad(const InputValue::Ptr& pid) override;
    Result<InputValue::Ptr> call(const InputValue::Ptr& callable,
                                 const InputValue::Ptr& args) override;
    Result<InputValue::Ptr> newObject(const InputValue::Ptr& cls, const InputValue::Ptr& args,
                                      const InputValue::Ptr& kwargs) override;
    Status setState(const InputValue::Ptr& target, const InputValue::Ptr& state) override;
    void noteGlobal(const QString& qualifiedName) override;

    // Gives the storages that `root` (a pickle's result) holds their fields:
    // key, location and size. Call once the pickle has ended.
    void describeStorages(const InputValue::Ptr& root) const;

    // One entry per storage key, in the order the pickle announced them.
    std::vector<StorageInfo> storagesByKey() const;

private:
    using Ptr = InputValue::Ptr;

    Result<Ptr> callNamed(const QString& name, const Ptr& args, int depth);
    Result<Ptr> callBuiltin(const QString& name, const CallArguments& args, bool* handled);
    Result<Ptr> describe(const QString& name, const Ptr& args, const Ptr& kwargs);
    void noteClass(const QString& name);

    // Tensor rebuilds (TorchTensorCalls.cpp).
    Result<Ptr> callTensorFunction(const QString& name, const CallArguments& args, int depth,
                                   bool* handled);
    // explicitType: the dtype a v3 rebuild names; empty to take the storage's.
    Result<Ptr> tensorFromStorage(const CallArguments& args, int firstShapeArg,
                                  std::optional<DType> explicitType, bool requiresGrad);
    Result<Ptr> parameterFrom(const CallArguments& args);
    Result<Ptr> fromType(const CallArguments& args, int depth);
    Result<Ptr> metaTensor(const CallArguments& args);
    const StorageInfo* storageOf(const InputValue& v) const;

    Result<StorageInfo> storageFromPid(const InputValue& pid);

    StorageCheck m_check;
    const PickleLimits& m_limits;
    // Every storage announced, in order. The node persistentLoad returns for
    // storage i holds i as its scalar: a lookup without hashing, once per
    // tensor, and no need to keep the nodes alive.
    std::vector<StorageInfo> m_storages;
    // The first announcement of each key (an index into m_storages): a key
    // announced again must name the same class and size, or a reader of
    // values would take the next storage's bytes. Numbered keys in a vector,
    // others in a hash.
    std::vector<qint32> m_firstByNumber;
    QHash<QString, qsizetype> m_firstByName;
    // The earlier announcement `info` contradicts (another class or size),
    // or null; records the first announcement of each key.
    const StorageInfo* conflictingAnnouncement(const StorageInfo& info);
    QString m_lastStorageClassName; // storageFromPid's one-entry cache
    StorageClass m_lastStorageClass;
};

} // namespace ds::pt
