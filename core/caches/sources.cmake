# The kinds of objects export flattens as pytree nodes of their own (the
# transformers caches of every era): how each is recognised, flattened in each
# layout and printed. One file per kind; NodeKinds.cpp lists them.
list(APPEND DIMSTUDIO_CORE_SOURCES
    caches/CacheLayers.cpp
    caches/CacheLayout.cpp
    caches/EncoderDecoderCache.cpp
    caches/KeyValueCache.cpp
    caches/KeyValueListCache.cpp
    caches/LayeredCache.cpp
    caches/ModelOutputs.cpp
    caches/NodeKinds.cpp
)
