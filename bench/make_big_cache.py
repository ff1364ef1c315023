#!/usr/bin/python3
"""Benchmark input: a 1 GiB transformers DynamicCache (32 layers, fp16) saved
with torch.save, and the time torch.load takes on it for comparison.

    /usr/bin/python3 bench/make_big_cache.py make OUT.pt   # writes the file (not committed)
    /usr/bin/python3 bench/make_big_cache.py load OUT.pt   # times torch.load

The cache is a stand-in pickled as transformers.cache_utils.DynamicCache with
the 4.54+ layout (layers of DynamicLayer with keys/values), like the fixtures
of tests/fixtures/make_pt_fixtures.py; transformers itself is not needed.
"""

import resource
import sys
import time
import types

import torch

LAYERS = 32
SHAPE = (1, 8, 8192, 128)  # 8 Mi fp16 elements = 16 MiB per tensor, 64 tensors = 1 GiB

_transformers = types.ModuleType("transformers")
_cache_utils = types.ModuleType("transformers.cache_utils")
_transformers.cache_utils = _cache_utils
sys.modules["transformers"] = _transformers
sys.modules["transformers.cache_utils"] = _cache_utils


class DynamicLayer:
    def __init__(self, keys, values):
        self.dtype = keys.dtype
        self.device = keys.device
        self.keys = keys
        self.values = values
        self.is_initialized = True


class DynamicCache:
    def __init__(self, layers):
        self.layers = layers
        self.layer_class_to_replicate = DynamicLayer
        self.offloading = False


for cls in (DynamicLayer, DynamicCache):
    cls.__module__ = "transformers.cache_utils"
    setattr(_cache_utils, cls.__name__, cls)


def make(path):
    torch.manual_seed(0)
    layers = [DynamicLayer(torch.randn(SHAPE, dtype=torch.float16), torch.randn(SHAPE, dtype=torch.float16))
              for _ in range(LAYERS)]
    inputs = dict(
        input_ids=torch.randint(32000, (1, 1)),
        attention_mask=torch.ones(1, SHAPE[2] + 1, dtype=torch.int64),
        past_key_values=DynamicCache(layers),
    )
    torch.save(inputs, path)
    print(f"wrote {path}")


def load(path):
    start = time.perf_counter()
    obj = torch.load(path)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    layers = len(obj["past_key_values"].layers)
    print(f"torch.load: {elapsed * 1000:.1f} ms, peak RSS {peak:.0f} MiB ({layers} layers, torch {torch.__version__})")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("make", "load"):
        sys.exit(__doc__)
    (make if sys.argv[1] == "make" else load)(sys.argv[2])
