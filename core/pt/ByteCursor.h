#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <cstring>
#include <optional>

namespace ds::pt {

// Reads little-endian numbers and lines from a byte range without ever stepping
// past its end: every read reports failure instead of touching memory it does
// not own, so callers turn a short file into an error at a known offset.
class ByteCursor {
public:
    ByteCursor(const char* data, qint64 size) : m_data(data), m_size(size) {}

    qint64 pos() const { return m_pos; }
    qint64 size() const { return m_size; }
    qint64 remaining() const { return m_size - m_pos; }
    bool atEnd() const { return m_pos >= m_size; }

    std::optional<quint8> u8() {
        if (remaining() < 1)
            return std::nullopt;
        return static_cast<quint8>(m_data[m_pos++]);
    }

    // Unsigned little-endian integer of `width` bytes (1..8).
    std::optional<quint64> uintLE(int width) {
        if (remaining() < width)
            return std::nullopt;
        quint64 v = 0;
        for (int i = width - 1; i >= 0; --i)
            v = (v << 8) | static_cast<quint8>(m_data[m_pos + i]);
        m_pos += width;
        return v;
    }

    std::optional<qint32> int32LE() {
        auto v = uintLE(4);
        if (!v)
            return std::nullopt;
        return static_cast<qint32>(static_cast<quint32>(*v));
    }

    std::optional<double> doubleBE() {
        if (remaining() < 8)
            return std::nullopt;
        quint64 bits = 0;
        for (int i = 0; i < 8; ++i)
            bits = (bits << 8) | static_cast<quint8>(m_data[m_pos + i]);
        m_pos += 8;
        double d;
        std::memcpy(&d, &bits, sizeof d);
        return d;
    }

    // A view of the next n bytes; nothing is copied.
    std::optional<const char*> take(qint64 n) {
        if (n < 0 || remaining() < n)
            return std::nullopt;
        const char* p = m_data + m_pos;
        m_pos += n;
        return p;
    }

    // The bytes up to the next '\n' (excluded), at most maxLength of them.
    std::optional<QByteArray> line(qint64 maxLength) {
        const qint64 limit = qMin(remaining(), maxLength + 1);
        if (limit <= 0)
            return std::nullopt;
        const void* nl = std::memchr(m_data + m_pos, '\n', static_cast<size_t>(limit));
        if (!nl)
            return std::nullopt;
        const qint64 len = static_cast<const char*>(nl) - (m_data + m_pos);
        QByteArray text(m_data + m_pos, len);
        m_pos += len + 1;
        return text;
    }

private:
    const char* m_data;
    qint64 m_size;
    qint64 m_pos = 0;
};

} // namespace ds::pt
