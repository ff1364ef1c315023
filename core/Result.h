#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace ds {

// An error a user can cause, carried as a value through core/ and shown once at
// the boundary (command line or main window).
struct Error {
    QString file;    // the file the problem is in, empty when there is none
    QString where;   // "line 3, column 7", "byte 1234", "past_key_values.0", ...
    QString message; // what went wrong, in words a user understands

    Error() = default;
    Error(QString msg, QString at = {}, QString inFile = {})
        : file(std::move(inFile)), where(std::move(at)), message(std::move(msg)) {}

    Error withFile(const QString& f) const {
        Error e = *this;
        if (e.file.isEmpty())
            e.file = f;
        return e;
    }
    // "FILE: message (at where)"; parts left out when empty; always one line
    // (see oneLine).
    QString toString() const;
};

// `text` on one line for a terminal or a status bar: line breaks, control
// characters (ESC, BEL, NUL, C1 controls) and Unicode line separators become
// visible escapes (\n, \x1b, \u2028), so that text taken from a file (a zip
// entry name, a storage key, a pickle GLOBAL) can neither add a line that
// looks like another message nor drive the terminal.
QString oneLine(const QString& text);

template <typename T> class [[nodiscard]] Result {
public:
    Result(T value) : m_state(std::move(value)) {}
    Result(Error error) : m_state(std::move(error)) {}

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<0>(m_state); }
    T& value() & { return std::get<0>(m_state); }
    T&& value() && { return std::get<0>(std::move(m_state)); }
    const Error& error() const { return std::get<1>(m_state); }

private:
    std::variant<T, Error> m_state;
};

// For operations that produce nothing but may fail.
struct Unit {};
using Status = Result<Unit>;
inline Status okStatus() {
    return Status(Unit{});
}

} // namespace ds
