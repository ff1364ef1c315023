# The kinds of values export flattens as pytree nodes (caches, layers):
# how each is recognised, flattened in each layout and printed.
list(APPEND DIMSTUDIO_CORE_SOURCES
    caches/CacheModel.cpp
)
