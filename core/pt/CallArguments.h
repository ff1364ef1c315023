#pragma once

#include "InputValue.h"
#include "Result.h"

#include <vector>

namespace ds::pt {

// Typed access to the positional arguments of a described call, with errors
// that name the function and the argument ("torch._utils._rebuild_tensor_v2:
// argument 3 (size) must be a tuple of ints, got a str").
class CallArguments {
public:
    CallArguments(QString function, const InputValue& tuple)
        : m_function(std::move(function)), m_args(tuple.items()) {}

    int count() const { return static_cast<int>(m_args.size()); }
    const InputValue::Ptr& at(int i) const { return m_args[static_cast<size_t>(i)]; }

    Status requireCount(int atLeast, int atMost) const;
    Result<qint64> integer(int i, const char* what) const;
    Result<bool> boolean(int i, const char* what) const;
    Result<QString> string(int i, const char* what) const;
    // A tuple or list of ints (torch.Size is read as a tuple before it gets here).
    Result<std::vector<qint64>> integers(int i, const char* what, int maxCount) const;
    // A global naming a dtype: torch.float32 -> Float32.
    Result<DType> dtype(int i, const char* what) const;

    Error error(int i, const char* what, const QString& problem) const;

private:
    QString m_function;
    const std::vector<InputValue::Ptr>& m_args;
};

} // namespace ds::pt
