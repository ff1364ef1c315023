#!/usr/bin/python3
"""Benchmark inputs and "the Python way" on them, with Debian's python3-torch.

    /usr/bin/python3 bench/bench_inputs.py make DIR   # writes the inputs (never committed)
    /usr/bin/python3 bench/bench_inputs.py python FILE  # times the Python way on FILE

make writes, unless already there:
  DIR/big_cache.pt    1 GiB DynamicCache, 32 layers of fp16 (bench/make_big_cache.py)
  DIR/list_100k.pt    a list of 100,000 small float32 tensors
  DIR/params_10k.pt   a dict of 10,000 named nn.Parameter, as dict(model.named_parameters())

python prints one tab-separated line per stage: stage, milliseconds, peak MiB.
The stages are torch.load, string_type, all_dynamic (onnx-diagnostic's
all_dynamic_shapes_from_inputs) and pprint.pformat, through the reference
implementation in tests/fixtures/make_pt_fixtures.py. Peak memory is the
process's VmHWM during the stage: /proc/self/clear_refs is written "5" before
each stage, which resets VmHWM to the current resident size.
"""

import os
import pprint
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "fixtures"))

import torch  # noqa: E402

import make_pt_fixtures as ref  # noqa: E402  (stand-in transformers classes, string_type)

LIST_SIZE = 100_000
PARAM_COUNT = 10_000  # 1,000 blocks of 10 parameters
PARAM_NAMES = (
    ("self_attn.q_proj.weight", (32, 32)),
    ("self_attn.k_proj.weight", (8, 32)),
    ("self_attn.v_proj.weight", (8, 32)),
    ("self_attn.o_proj.weight", (32, 32)),
    ("mlp.gate_proj.weight", (64, 32)),
    ("mlp.up_proj.weight", (64, 32)),
    ("mlp.down_proj.weight", (32, 64)),
    ("input_layernorm.weight", (32,)),
    ("post_attention_layernorm.weight", (32,)),
    ("self_attn.rotary.inv_freq", (16,)),
)


def make(directory):
    os.makedirs(directory, exist_ok=True)
    cache = os.path.join(directory, "big_cache.pt")
    if not os.path.exists(cache):
        subprocess.run([sys.executable, os.path.join(HERE, "make_big_cache.py"), "make", cache],
                       check=True)
    torch.manual_seed(0)
    tensors = os.path.join(directory, "list_100k.pt")
    if not os.path.exists(tensors):
        shapes = ((2, 3), (4,), (1, 8), (3, 2, 2))
        torch.save([torch.zeros(shapes[i % len(shapes)]) for i in range(LIST_SIZE)], tensors)
        print(f"wrote {tensors}")
    params = os.path.join(directory, "params_10k.pt")
    if not os.path.exists(params):
        named = {}
        for i in range(PARAM_COUNT):
            suffix, shape = PARAM_NAMES[i % len(PARAM_NAMES)]
            named[f"model.layers.{i // len(PARAM_NAMES)}.{suffix}"] = torch.nn.Parameter(
                torch.zeros(shape))
        torch.save(named, params)
        print(f"wrote {params}")


def _reset_peak():
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")


def _peak_mib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def python_way(path):
    ref.install_era("v454")  # the caches of bench/make_big_cache.py are 4.54+ ones
    value = None
    stages = (
        ("open", lambda: torch.load(path)),
        ("type string", lambda: ref.string_type(value)),
        ("all-dynamic spec", lambda: ref.all_dynamic(value)),
        ("pprint", lambda: pprint.pformat(spec)),
    )
    spec = None
    for name, run in stages:
        _reset_peak()
        start = time.perf_counter()
        out = run()
        elapsed = (time.perf_counter() - start) * 1000
        print(f"{name}\t{elapsed:.1f}\t{_peak_mib():.0f}", flush=True)
        if name == "open":
            value = out
        elif name == "all-dynamic spec":
            spec = out


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("make", "python"):
        sys.exit(__doc__)
    (make if sys.argv[1] == "make" else python_way)(sys.argv[2])
