// Global operator new and delete, replaced in every program linked with
// mimalloc. Why: libmimalloc also replaces operator new, and its version calls
// abort() when an allocation fails (its C code cannot see C++'s new-handler),
// so a file that exhausts the memory ceiling would kill the process with
// SIGABRT and nothing on stderr. These allocate with malloc (mimalloc's, as it
// replaces malloc for the whole process) and throw std::bad_alloc as the
// standard says, which the readers report as "out of memory" with the file's
// name. An executable's definitions take precedence over a shared library's,
// for the libraries (Qt) as well.
#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <new>

namespace {

// The rare way: a failed malloc, or an alignment above malloc's.
[[gnu::noinline]] void* allocateSlow(std::size_t size, std::size_t alignment) {
    if (size == 0)
        size = 1;
    for (;;) {
        void* p = nullptr;
        if (alignment <= alignof(std::max_align_t))
            p = std::malloc(size);
        else if (posix_memalign(&p, std::max(alignment, sizeof(void*)), size) != 0)
            p = nullptr;
        if (p)
            return p;
        const std::new_handler handler = std::get_new_handler();
        if (!handler)
            throw std::bad_alloc();
        handler();
    }
}

// Millions of small values are allocated while reading a big file: the usual
// way is one malloc and one test (malloc(0) gives a unique pointer too).
inline void* allocate(std::size_t size) {
    if (void* p = std::malloc(size); __builtin_expect(p != nullptr, 1))
        return p;
    return allocateSlow(size, alignof(std::max_align_t));
}

void* allocateOrNull(std::size_t size, std::size_t alignment) noexcept {
    try {
        return allocateSlow(size, alignment);
    } catch (...) {
        return nullptr;
    }
}

constexpr std::size_t kPlain = alignof(std::max_align_t);

} // namespace

void* operator new(std::size_t n) {
    return allocate(n);
}
void* operator new[](std::size_t n) {
    return allocate(n);
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
    return allocateOrNull(n, kPlain);
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
    return allocateOrNull(n, kPlain);
}
void* operator new(std::size_t n, std::align_val_t a) {
    return allocateSlow(n, static_cast<std::size_t>(a));
}
void* operator new[](std::size_t n, std::align_val_t a) {
    return allocateSlow(n, static_cast<std::size_t>(a));
}
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
    return allocateOrNull(n, static_cast<std::size_t>(a));
}
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
    return allocateOrNull(n, static_cast<std::size_t>(a));
}

void operator delete(void* p) noexcept {
    std::free(p);
}
void operator delete[](void* p) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
    std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
    std::free(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept {
    std::free(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
    std::free(p);
}
void operator delete(void* p, std::align_val_t) noexcept {
    std::free(p);
}
void operator delete[](void* p, std::align_val_t) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t, std::align_val_t) noexcept {
    std::free(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
    std::free(p);
}
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept {
    std::free(p);
}
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept {
    std::free(p);
}
