#!/usr/bin/env python3
"""Tests of resources/dimstudio_runner.py, started exactly as DimStudio starts it
(`PYTHON -u -c BOOT`, the source after a length line, JSON lines; see
docs/runner-protocol.md). Prints one line per case and `N passed, N failed`;
exits 1 on any failure.

    python3 tests/runner/run_runner_tests.py [options]

Where the runner runs (each a command line, as DimStudio's --python):
  --python CMD        the reference Python (torch 2.14 + transformers 5.12). Default:
                      this interpreter when it has torch >= 2.5, else
                      `bash scripts/torch-env.sh python sid` when that environment is built.
  --trixie CMD        torch 2.6 without transformers, for the subset without transformers
                      classes. Default: `bash scripts/torch-env.sh python trixie` when built
                      and this script runs on the host; "none" skips it.
  --old-torch CMD     a Python with torch < 2.5 (default /usr/bin/python3 when it has one).
  --no-torch CMD      a Python without torch (default: the reference Python with -S, else
                      /root/.pyenv/versions/3.11.7/bin/python3).
Other options:
  --families a,b      only these families (default: all that make_inputs.py knows)
  --layouts a,b       only these layouts (default: transformers,flat,layers)
  --results FILE      write the per-family table (tests/runner/RESULTS.md)
  --keep DIR          write the generated inputs to DIR instead of a temporary folder
  --no-fixtures       skip the families of tests/fixtures/models

The script itself needs no torch: inputs and specs are made by make_inputs.py and
toy_models.py, run with the reference Python. Every folder of
tests/fixtures/models with config.json, inputs_a.pt, inputs_b.pt and classes.txt
is verified too, as the family "NAME [fixture]" (allowed_classes = its classes.txt).
"""

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

from runner_client import Runner, untyped_str  # noqa: E402
import spec_tools  # noqa: E402

TORCH_ENV = os.path.join(REPO, "scripts", "torch-env.sh")
FIXTURES = os.path.join(REPO, "tests", "fixtures", "models")
LAYOUTS = ("transformers", "flat", "layers")
TOY = os.path.join(HERE, "toy_models.py")


class Suite(object):
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.skipped = 0
        self.failures = []

    def check(self, name, ok, detail=""):
        tag = "PASS" if ok else "FAIL"
        print("%s %s%s" % (tag, name, (": " + detail) if detail else ""))
        sys.stdout.flush()
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            self.failures.append(name)
        return ok

    def skip(self, name, why):
        print("SKIP %s: %s" % (name, why))
        sys.stdout.flush()
        self.skipped += 1

    def note(self, text):
        print("     " + text)
        sys.stdout.flush()


# ---------------------------------------------------------------------------
# Environments


def probe_torch(cmd):
    """torch version string of a Python command, '' without torch, None if it cannot run."""
    try:
        out = subprocess.run(list(cmd) + ["-c", "import torch;print(torch.__version__)"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    except Exception:
        return None
    if out.returncode == 0:
        return out.stdout.decode().strip().splitlines()[-1]
    err = out.stderr.decode()
    if "No module named 'torch'" in err or "ModuleNotFoundError" in err:
        return ""
    return None


def version_tuple(text):
    parts = []
    for p in text.split("+")[0].split(".")[:2]:
        digits = "".join(ch for ch in p if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def torch_env_ready(name):
    if not os.path.exists(TORCH_ENV):
        return False
    try:
        out = subprocess.run(["bash", TORCH_ENV, "status"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, timeout=60)
    except Exception:
        return False
    return any(line.startswith(name + ": ready") for line in out.stdout.decode().splitlines())


def inside_torch_env():
    """True when this script runs inside one of torch-env.sh's chroots."""
    for name in ("sid", "trixie"):
        d = os.path.join(REPO, ".envs", name)
        try:
            a, b = os.stat("/"), os.stat(d)
        except OSError:
            continue
        if (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino):
            return True
    return False


def resolve_pythons(args):
    host = not inside_torch_env()
    if args.python:
        ref = shlex.split(args.python)
    else:
        v = probe_torch([sys.executable])
        if v and version_tuple(v) >= (2, 5):
            ref = [sys.executable]
        elif host and torch_env_ready("sid"):
            ref = ["bash", TORCH_ENV, "python", "sid"]
        else:
            ref = None
    if args.trixie == "none":
        trixie = None
    elif args.trixie:
        trixie = shlex.split(args.trixie)
    elif host and torch_env_ready("trixie"):
        trixie = ["bash", TORCH_ENV, "python", "trixie"]
    else:
        trixie = None
    old = shlex.split(args.old_torch) if args.old_torch else None
    if old is None and os.path.exists("/usr/bin/python3"):
        v = probe_torch(["/usr/bin/python3"])
        if v and version_tuple(v) < (2, 5):
            old = ["/usr/bin/python3"]
    no_torch = shlex.split(args.no_torch) if args.no_torch else None
    if no_torch is None and ref is not None:
        cand = ref + ["-S"]
        if probe_torch(cand) == "":
            no_torch = cand
    if no_torch is None:
        cand = ["/root/.pyenv/versions/3.11.7/bin/python3"]
        if os.path.exists(cand[0]) and probe_torch(cand) == "":
            no_torch = cand
    return ref, trixie, old, no_torch


# ---------------------------------------------------------------------------
# Inputs


FIXTURE_TAG = " [fixture]"


def make_inputs(py, workdir, families, suite, wanted=None, use_fixtures=True):
    """Runs make_inputs.py with py; returns {family: dir} (fixtures as 'NAME [fixture]')."""
    fam_dir = os.path.join(workdir, "fam")
    cmd = list(py) + [os.path.join(HERE, "make_inputs.py"), fam_dir] + list(families)
    t0 = time.perf_counter()
    out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    dirs = {}
    for line in out.stdout.decode().splitlines():
        name = line.split(":", 1)[0]
        if ": skipped" in line:
            if wanted is not None:
                suite.note("inputs for %s: %s" % (name, line.split(":", 1)[1].strip()))
            continue
        if name in families:
            dirs[name] = os.path.join(fam_dir, name)
    if out.returncode != 0:
        suite.note("make_inputs.py failed: " + out.stderr.decode()[-800:])
    # The project's fixtures (tests/fixtures/models), as families of their own.
    fixture_names = sorted(os.listdir(FIXTURES)) if (use_fixtures and os.path.isdir(FIXTURES)) else []
    for name in fixture_names:
        if wanted is not None and name not in wanted:
            continue
        src = os.path.join(FIXTURES, name)
        need = ("config.json", "inputs_a.pt", "inputs_b.pt", "classes.txt")
        if all(os.path.exists(os.path.join(src, n)) for n in need):
            dst = os.path.join(workdir, "fixtures", name)
            r = subprocess.run(list(py) + [os.path.join(HERE, "make_inputs.py"), "--specs", src, dst],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            if r.returncode == 0:
                for n in need:
                    shutil.copy(os.path.join(src, n), os.path.join(dst, n))
                dirs[name + FIXTURE_TAG] = dst
            else:
                suite.note("%s: fixture unusable (%s)" % (name, r.stderr.decode().strip()[-300:]))
    suite.note("inputs made in %.1fs (%s)" % (time.perf_counter() - t0, ", ".join(sorted(dirs))))
    return dirs


def make_toys(py, workdir):
    toy_dir = os.path.join(workdir, "toy")
    out = subprocess.run(list(py) + [TOY, toy_dir], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if out.returncode != 0:
        raise RuntimeError("toy_models.py failed: " + out.stderr.decode()[-800:])
    return toy_dir


def load_json(path):
    with open(path) as f:
        return json.load(f)


def classes_of(d):
    with open(os.path.join(d, "classes.txt")) as f:
        return [l.strip() for l in f if l.strip()]


# torch's weights-only unpickler cannot rebuild a ModelOutput (it refuses SETITEM on anything
# but a plain dict), so inputs holding one (Whisper's encoder_outputs) need trust_pickle.
def needs_trust(d):
    return any(c.startswith("transformers.modeling_outputs.") for c in classes_of(d))


def verify_req(d, layout, spec, other=True, **extra):
    req = {"cmd": "verify", "inputs": os.path.join(d, "inputs_a.pt"),
           "allowed_classes": classes_of(d), "trust_pickle": needs_trust(d),
           "model": {"config": os.path.join(d, "config.json")}, "layout": layout,
           "dynamic_shapes": spec,
           "other_inputs": os.path.join(d, "inputs_b.pt") if other else None,
           "change_dims": True}
    req.update(extra)
    return req


def until_exported(runner, req, max_rounds=6):
    """Verifies req, applying torch's suggested fixes until it exports.
    Returns (last event, rounds of fixes applied, final spec, history)."""
    spec = req["dynamic_shapes"]
    history = []
    for rounds in range(max_rounds + 1):
        ev, _, wall = runner.request(dict(req, dynamic_shapes=spec))
        if ev is None or ev.get("event") != "result":
            return ev, rounds, spec, history
        if ev["status"] == "exported":
            return ev, rounds, spec, history
        msg = ev["error"]["message"]
        fixes = spec_tools.parse_fixes(msg)
        history.append((ev["error"]["type"], msg))
        if not fixes:
            return ev, rounds, spec, history
        spec = spec_tools.apply_fixes(spec, fixes)
    return ev, max_rounds, spec, history


def first_line(text):
    for line in str(text).splitlines():
        if line.strip():
            return line.strip()
    return ""


def fixes_text(message):
    """The lines of torch's 'Suggested fixes:' block, joined by '; ' (else the first line)."""
    if "Suggested fixes:" not in message:
        return first_line(message)
    lines = []
    for line in message.split("Suggested fixes:", 1)[1].splitlines():
        if not line.strip():
            if lines:
                break
            continue
        lines.append(line.strip())
    return "; ".join(lines)


def leaf_shape_matches(leaf, expected):
    kind, value, _ = expected
    if kind == "tensor":
        if leaf.get("kind") != "tensor" or len(leaf["dims"]) != len(value):
            return False
        return all(("int" in d and d["int"] == n) or "expr" in d for d, n in zip(leaf["dims"], value))
    if kind == "const":
        return leaf.get("kind") in ("int", "bool", "float", "str")
    return leaf.get("kind") == "int"


# ---------------------------------------------------------------------------
# Cases


def case_ready(suite, runner, label, expect_transformers):
    ev = runner.first or {}
    ok = (ev.get("event") == "ready" and ev.get("protocol") == 1 and isinstance(ev.get("pid"), int)
          and isinstance(ev.get("torch"), str) and isinstance(ev.get("python"), str))
    if expect_transformers is not None:
        ok = ok and ((ev.get("transformers") is not None) == expect_transformers)
    suite.check("%s: ready line" % label, ok, "%s in %.2fs" % (json.dumps(ev), runner.ready_seconds))


def case_fatal(suite, cmd, code, label):
    r = Runner(cmd)
    rc = r.proc.wait(timeout=120)
    ev = r.first or {}
    rest = r.proc.stdout.read()
    ok = (ev.get("event") == "fatal" and ev.get("code") == code and rc == 2 and not rest.strip()
          and "\n" not in ev.get("message", "\n"))
    suite.check("fatal %s (%s)" % (code, label), ok, "rc %s, %s" % (rc, json.dumps(ev)))


def case_protocol_errors(suite, runner, toy, label):
    M = TOY + ":"
    base = {"cmd": "verify", "inputs": os.path.join(toy, "toy_a.pt"), "allowed_classes": [],
            "model": {"callable": M + "make_toy"}, "layout": "layers", "dynamic_shapes": None}
    runner.send_raw(b"this is not json\n")
    ev = runner.read_event()
    suite.check("%s: bad JSON -> bad_request" % label,
                ev.get("event") == "error" and ev.get("code") == "bad_request" and ev.get("id") is None,
                json.dumps(ev))
    cases = [
        ("unknown cmd", {"cmd": "frobnicate"}, "bad_request"),
        ("no inputs", {"cmd": "verify", "model": base["model"], "layout": "layers"}, "bad_request"),
        ("bad layout", dict(base, layout="zigzag"), "bad_request"),
        ("bad spec", dict(base, dynamic_shapes={"dict": [["x", {"dim": "not an identifier"}]]}),
         "bad_request"),
        ("inputs not found", dict(base, inputs=os.path.join(toy, "missing.pt")), "inputs_not_found"),
        ("model file not found", dict(base, model={"callable": "/nonexistent/model.py:make"}),
         "model_not_found"),
        ("callable not found", dict(base, model={"callable": M + "no_such_function"}),
         "model_not_found"),
        ("model raises", dict(base, model={"callable": M + "make_broken"}), "model_failed"),
        ("class not importable", dict(base, allowed_classes=["no_such_module.Thing"]), "bad_class"),
    ]
    for name, req, code in cases:
        ev, _, _ = runner.request(req)
        ok = (ev is not None and ev.get("event") == "error" and ev.get("code") == code
              and "\n" not in ev.get("message", "\n") and "Traceback" not in ev.get("message", ""))
        suite.check("%s: %s -> %s" % (label, name, code), ok, json.dumps(ev)[:300])


def case_toy(suite, runner, toy, label):
    """Models without transformers: dict inputs, positional inputs, noisy prints, user classes."""
    M = TOY + ":"
    spec = {"dict": [["x", {"dict": [[0, {"dim": "batch"}], [1, {"dim": "seq"}]]}],
                     ["mask", {"dict": [[0, {"dim": "batch"}], [1, {"dim": "seq"}]]}],
                     ["offset", None]]}
    req = {"cmd": "verify", "inputs": os.path.join(toy, "toy_a.pt"), "allowed_classes": [],
           "model": {"callable": M + "make_toy"}, "layout": "layers", "dynamic_shapes": spec,
           "other_inputs": os.path.join(toy, "toy_b.pt"), "change_dims": True}
    ev, _, wall = runner.request(req)
    ok = ev is not None and ev.get("status") == "exported"
    if ok:
        paths = [l["path"] for l in ev["leaves"]]
        ok = paths == ["['x']", "['mask']", "['offset']"] and \
            ev["leaves"][0]["dims"][0].get("expr") == ev["leaves"][1]["dims"][0].get("expr") and \
            ev["leaves"][2] == {"path": "['offset']", "input": "offset", "kind": "int",
                                "value": {"int": 3}}
        runs = ev.get("runs", [])
        ok = ok and len(runs) == 3 and all(r["ok"] for r in runs)
    suite.check("%s: toy dict inputs exported, leaves and runs" % label, ok,
                json.dumps(ev)[:600] if not ok else "%.2fs, runs %s" % (
                    wall, [(r["name"], r["max_abs_diff"]) for r in ev["runs"]]))

    # A derived dimension, a hint and an int in one spec.
    req = {"cmd": "verify", "inputs": os.path.join(toy, "derived_a.pt"), "allowed_classes": [],
           "model": {"callable": M + "make_derived"}, "layout": "flat",
           "dynamic_shapes": {"dict": [
               ["x", {"dict": [[0, {"hint": "AUTO"}], [1, {"dim": "n", "min": 2, "max": 100}]]}],
               ["y", {"dict": [[0, {"hint": "AUTO"}],
                               [1, {"derived": "n", "mul": 2, "add": 1}]]}]]},
           "other_inputs": os.path.join(toy, "derived_b.pt"), "change_dims": True}
    ev, _, _ = runner.request(req)
    ok = ev is not None and ev.get("status") == "exported"
    if ok:
        x, y = ev["leaves"][0]["dims"], ev["leaves"][1]["dims"]
        n = x[1].get("expr")
        ok = n is not None and y[1].get("expr") == "2*%s + 1" % n and x[1]["min"] == 2 and \
            x[1]["max"] == 100 and y[1]["min"] == 5 and y[1]["max"] == 201 and \
            "expr" in x[0] and x[0]["expr"] == y[0].get("expr") and \
            all(r["ok"] for r in ev["runs"]) and len(ev["runs"]) == 3
    suite.check("%s: derived dim 2*n + 1, AUTO hints, bounds in leaves" % label, ok,
                json.dumps(ev)[:600] if not ok else "x %s, y %s; %s" % (
                    x, y, ev["runs"][2]["message"]))

    # Views into a larger storage are made compact (and said so); change_dims alone runs.
    req = {"cmd": "verify", "inputs": os.path.join(toy, "view_a.pt"), "allowed_classes": [],
           "model": {"callable": M + "make_toy"}, "layout": "layers", "dynamic_shapes": spec,
           "change_dims": True}
    ev, _, _ = runner.request(req)
    ok = ev is not None and ev.get("status") == "exported" and \
        any("made contiguous" in n and "['x']" in n for n in ev.get("notes", [])) and \
        [r["name"] for r in ev.get("runs", [])] == ["inputs", "changed_dims"] and \
        all(r["ok"] for r in ev["runs"])
    suite.check("%s: saved views made contiguous; change_dims without other_inputs" % label, ok,
                json.dumps(ev)[:500] if not ok else "notes %s; %s" % (
                    ev["notes"], ev["runs"][1]["message"]))

    req = {"cmd": "verify", "inputs": os.path.join(toy, "positional_a.pt"),
           "model": {"callable": M + "make_positional"}, "layout": "flat",
           "dynamic_shapes": {"tuple": [{"dict": [[0, {"dim": "batch", "min": 1, "max": 64}],
                                                  [1, {"int": 8}]]},
                                        {"dict": [[0, {"dim": "batch", "min": 1, "max": 64}]]}]},
           "other_inputs": os.path.join(toy, "positional_b.pt"), "change_dims": True}
    ev, _, _ = runner.request(req)
    ok = ev is not None and ev.get("status") == "exported"
    if ok:
        d0 = ev["leaves"][0]["dims"][0]
        ok = [l["path"] for l in ev["leaves"]] == ["[0]", "[1]"] and d0.get("min") == 1 and \
            d0.get("max") == 64 and all(r["ok"] for r in ev.get("runs", []))
    suite.check("%s: positional inputs (tuple spec, bounds in leaves)" % label, ok, json.dumps(ev)[:400])

    req = {"cmd": "verify", "inputs": os.path.join(toy, "toy_a.pt"),
           "model": {"callable": M + "make_noisy"}, "layout": "layers", "dynamic_shapes": None,
           "other_inputs": os.path.join(toy, "toy_b.pt")}
    ev, progress, _ = runner.request(req)
    ok = ev is not None and ev.get("status") == "exported" and \
        all(p.get("event") == "progress" for p in progress) and \
        any("noisy forward" in l for l in runner.stderr_lines)
    suite.check("%s: model prints go to stderr, not the protocol" % label, ok,
                json.dumps(ev)[:300] if not ok else "runs %s" % [
                    (r["name"], r["ok"]) for r in ev.get("runs", [])])

    # A cache shaped like transformers 5's (toy classes): every layout, switched in one runner.
    T = {"dict": [[0, {"dim": "batch"}], [2, {"dim": "cache"}]]}
    specs = {"layers": {"list": [{"list": [T, T]}, {"list": [T, T]}]},
             "flat": {"list": [T, T, T, T]},
             "transformers": {"list": [{"list": [T, T]}, {"list": [T, T]}]}}
    want = {"layers": ["['past_key_values'][0]['keys']", "['past_key_values'][0]['values']",
                       "['past_key_values'][1]['keys']", "['past_key_values'][1]['values']"],
            "flat": ["['past_key_values']['key_0']", "['past_key_values']['value_0']",
                     "['past_key_values']['key_1']", "['past_key_values']['value_1']"],
            "transformers": ["['past_key_values']['key_cache'][0]",
                             "['past_key_values']['key_cache'][1]",
                             "['past_key_values']['value_cache'][0]",
                             "['past_key_values']['value_cache'][1]"]}
    for layout in ("layers", "flat", "transformers", "layers"):
        req = {"cmd": "verify", "inputs": os.path.join(toy, "cached_a.pt"),
               "allowed_classes": ["toy_models.DynamicCache", "toy_models.DynamicLayer"],
               "model": {"callable": M + "make_cached"}, "layout": layout,
               "dynamic_shapes": {"dict": [["x", {"dict": [[0, {"dim": "batch"}], [1, {"dim": "seq"}]]}],
                                           ["past_key_values", specs[layout]]]},
               "other_inputs": os.path.join(toy, "cached_b.pt"), "change_dims": True}
        ev, _, _ = runner.request(req)
        ok = ev is not None and ev.get("status") == "exported"
        if ok:
            paths = [l["path"] for l in ev["leaves"]]
            ok = paths == ["['x']"] + want[layout] and all(r["ok"] for r in ev.get("runs", [])) \
                and len(ev.get("runs", [])) == 3
        suite.check("%s: toy DynamicCache-like cache, layout %s (registration swapped)" % (label, layout),
                    ok, json.dumps(ev)[:500] if not ok else "leaves %s, runs ok" % [
                        l["path"] for l in ev["leaves"]][1:3])

    # A user class: weights_only refuses it and names it; allowed or trusted, it loads.
    req = {"cmd": "verify", "inputs": os.path.join(toy, "boxed_a.pt"), "allowed_classes": [],
           "model": {"callable": M + "make_boxed"}, "layout": "layers", "dynamic_shapes": None}
    ev, _, _ = runner.request(req)
    suite.check("%s: class not in allowed_classes -> unsafe_pickle naming it" % label,
                ev is not None and ev.get("code") == "unsafe_pickle" and
                "toy_models.Box" in ev.get("message", "") and ev.get("class") == "toy_models.Box",
                json.dumps(ev))
    ev, _, _ = runner.request(dict(req, trust_pickle=True))
    suite.check("%s: trust_pickle loads it (export then refuses the unregistered class)" % label,
                ev is not None and ev.get("event") == "result" and ev.get("status") == "refused"
                and "Box" in ev["error"]["message"], json.dumps(ev)[:300])
    ev, _, _ = runner.request(dict(req, allowed_classes=["toy_models.Box"]))
    suite.check("%s: allowed_classes loads it with weights_only" % label,
                ev is not None and ev.get("event") == "result", json.dumps(ev)[:300])


def expected_leaves(d, layout):
    return load_json(os.path.join(d, "leaves_%s.json" % layout))


def case_llama(suite, runner, d):
    """Good spec, bad (all-dynamic) spec and its fixes, leaves order, runs."""
    guess = load_json(os.path.join(d, "guess_transformers.json"))
    good = spec_tools.apply_fixes(guess, {"seq_1": {"dim": "seq_1", "min": 4}})
    ev, _, wall = runner.request(verify_req(d, "transformers", good))
    exp = expected_leaves(d, "transformers")
    ok = ev is not None and ev.get("status") == "exported"
    detail = json.dumps(ev)[:800]
    if ok:
        leaves = ev["leaves"]
        paths = [l["path"] for l in leaves]
        want = ["['input_ids']", "['attention_mask']", "['position_ids']",
                "['past_key_values']['key_cache'][0]", "['past_key_values']['key_cache'][1]",
                "['past_key_values']['value_cache'][0]", "['past_key_values']['value_cache'][1]"]
        ok = paths == want and len(leaves) == len(exp) and \
            all(leaf_shape_matches(l, e) for l, e in zip(leaves, exp)) and \
            all(l["input"] for l in leaves)
        detail = "%d leaves %s" % (len(leaves), paths)
    suite.check("llama: good spec exported, leaves count/order = expected flattening", ok, detail)
    if ok:
        runs = ev.get("runs", [])
        suite.check("llama: other_inputs and changed dims match eager (<= 1e-4)",
                    len(runs) == 3 and all(r["ok"] and r["max_abs_diff"] <= 1e-4 for r in runs),
                    json.dumps(runs))
        sym = dict((l["path"], l["dims"]) for l in leaves)
        batch = sym["['input_ids']"][0].get("expr")
        suite.check("llama: shared Dim -> one symbol (batch) across inputs and cache",
                    batch is not None and all(l["dims"][0].get("expr") == batch for l in leaves),
                    "batch = %s" % batch)
        suite.check("llama: Dim bounds reach the leaves (seq_1 min 4)",
                    sym["['attention_mask']"][1].get("min") == 4, json.dumps(sym["['attention_mask']"]))

    alld = load_json(os.path.join(d, "alldyn_transformers.json"))
    ev, _, _ = runner.request(verify_req(d, "transformers", alld, other=False))
    ok = ev is not None and ev.get("status") == "refused" and \
        "Suggested fixes:" in ev["error"]["message"]
    suite.check("llama: all-dynamic d_i_j spec refused with Suggested fixes", ok,
                (ev or {}).get("error", {}).get("type", "") + ": " +
                first_line((ev or {}).get("error", {}).get("message", json.dumps(ev))))
    ev, rounds, spec, _ = until_exported(runner, verify_req(d, "transformers", alld))
    ok = ev is not None and ev.get("status") == "exported" and all(r["ok"] for r in ev.get("runs", []))
    suite.check("llama: all-dynamic spec exported after applying torch's fixes", ok,
                "%d round(s): %s" % (rounds, untyped_str(spec)))


def case_warm(suite, py, d, toy):
    """A fresh runner: the same verify twice, cold then warm."""
    r = Runner(py)
    guess = load_json(os.path.join(d, "guess_layers.json"))
    spec = spec_tools.apply_fixes(guess, {"seq_1": {"dim": "seq_1", "min": 4}})
    req = verify_req(d, "layers", spec, other=False, change_dims=False)
    ev1, _, cold = r.request(req)
    ev2, _, warm = r.request(req)
    ok = ev1 and ev2 and ev1.get("status") == "exported" and ev2.get("status") == "exported"
    out = {}
    if ok:
        e1, e2 = ev1["export_seconds"], ev2["export_seconds"]
        out = {"ready": r.ready_seconds, "cold": cold, "warm": warm, "cold_export": e1,
               "warm_export": e2, "cold_outside": cold - e1, "warm_outside": warm - e2,
               "cold_model": ev1["timings"].get("model"), "warm_model": ev2["timings"].get("model"),
               "warm_cached": ev2.get("model_cached")}
        ok = warm < cold and ev2.get("model_cached") is True and (warm - e2) < 0.5
        out["cold_timings"], out["warm_timings"] = ev1["timings"], ev2["timings"]
        suite.check("warm runner: second verify of the same model faster, model not rebuilt", ok,
                    "runner ready %.2fs; cold %.2fs (export %.2fs, outside export %.2fs, model "
                    "build %.2fs); warm %.2fs (export %.2fs, outside export %.3fs); runner's own "
                    "timings cold %s, warm %s"
                    % (r.ready_seconds, cold, e1, cold - e1, out["cold_model"], warm, e2, warm - e2,
                       json.dumps(ev1["timings"]), json.dumps(ev2["timings"])))
    else:
        suite.check("warm runner: second verify faster", False, json.dumps(ev1)[:300])
    # The same request in another layout, then back: registrations swap in a warm runner.
    for layout in ("transformers", "flat", "layers"):
        g = spec_tools.apply_fixes(load_json(os.path.join(d, "guess_%s.json" % layout)),
                                   {"seq_1": {"dim": "seq_1", "min": 4}})
        ev, _, _ = r.request(verify_req(d, layout, g, other=True))
        suite.check("warm runner: layout %s after another layout" % layout,
                    ev is not None and ev.get("status") == "exported" and
                    all(x["ok"] for x in ev.get("runs", [])),
                    json.dumps((ev or {}).get("registrations"))[:300])
    r.close()
    return out


def case_unsafe(suite, runner, d):
    allowed = [c for c in classes_of(d) if not c.endswith(".DynamicLayer")]
    req = verify_req(d, "layers", None, other=False, allowed_classes=allowed)
    ev, _, _ = runner.request(req)
    suite.check("llama inputs without DynamicLayer allowed -> unsafe_pickle naming it",
                ev is not None and ev.get("code") == "unsafe_pickle" and
                ev.get("class") == "transformers.cache_utils.DynamicLayer", json.dumps(ev))
    ev, _, _ = runner.request(dict(req, allowed_classes=[]))
    suite.check("llama inputs with nothing allowed -> unsafe_pickle naming DynamicCache",
                ev is not None and ev.get("code") == "unsafe_pickle" and
                ev.get("class") == "transformers.cache_utils.DynamicCache", json.dumps(ev))
    ev, _, _ = runner.request(dict(req, allowed_classes=[], trust_pickle=True))
    suite.check("llama inputs with trust_pickle -> loaded and exported (static spec)",
                ev is not None and ev.get("status") == "exported", json.dumps(ev)[:300])


# What a row must show for the suite to pass. Generated inputs: in layout "layers", and in the
# others when the registration is faithful, export with the leaves expected and match eager
# on the other input set. Fixtures (whose set b may fall outside what torch can make dynamic:
# recurrent layers given several new tokens specialise that count): export with the leaves
# expected wherever the registration is faithful; their runs are reported, not required.
def requirement(family, layout, faithful):
    if layout != "layers" and not faithful:
        return None
    return "export" if family.endswith(FIXTURE_TAG) else "match"


def case_families(suite, runner, dirs, layouts):
    rows = []
    def order(f):
        base = f.replace(FIXTURE_TAG, "")
        return (f.endswith(FIXTURE_TAG), FAMILY_ORDER.index(base) if base in FAMILY_ORDER else 99, f)
    for fam in sorted(dirs, key=order):
        d = dirs[fam]
        for layout in layouts:
            guess = load_json(os.path.join(d, "guess_%s.json" % layout))
            t0 = time.perf_counter()
            ev, rounds, spec, history = until_exported(runner, verify_req(d, layout, guess))
            wall = time.perf_counter() - t0
            row = {"family": fam, "layout": layout, "rounds": rounds, "spec": spec, "wall": wall,
                   "fixes": [fixes_text(m) for _, m in history]}
            if ev is None or ev.get("event") != "result":
                row.update(exported=False, registrations=[], runs=[],
                           error=json.dumps(ev)[:300] if ev else "runner died: " + runner.stderr_tail(3))
            else:
                row["exported"] = ev["status"] == "exported"
                row["registrations"] = ev.get("registrations", [])
                row["runs"] = ev.get("runs", [])
                row["export_seconds"] = ev.get("export_seconds")
                row["error"] = "" if row["exported"] else "%s: %s" % (
                    ev["error"]["type"], first_line(ev["error"]["message"]))
                if row["exported"]:
                    exp = expected_leaves(d, layout)
                    leaves = ev["leaves"]
                    row["leaves_ok"] = len(leaves) == len(exp) and all(
                        leaf_shape_matches(l, e) for l, e in zip(leaves, exp))
                    row["leaf_paths"] = [l["path"] for l in leaves]
            runs = dict((r["name"], r) for r in row["runs"])
            other_ok = runs.get("other_inputs", {}).get("ok", False)
            faithful = all(r.get("faithful") for r in row["registrations"])
            need = requirement(fam, layout, faithful)
            ok = row["exported"] and row.get("leaves_ok", False) and (need != "match" or other_ok)
            detail = "%s, %d round(s)" % ("exported" if row["exported"] else "NOT exported", rounds)
            if row["exported"]:
                detail += ", runs " + ", ".join(
                    "%s %s" % (r["name"], ("ok %.1g" % r["max_abs_diff"]) if r["ok"] else
                               "FAILED (%s)" % r["message"][:120]) for r in row["runs"])
                if not row.get("leaves_ok"):
                    detail += ", LEAVES MISMATCH"
            else:
                detail += ": " + row["error"][:300]
            regs = row["registrations"]
            if regs and not all(r.get("faithful") for r in regs):
                detail += " [unfaithful registration]"
            name = "family %s, layout %s" % (fam, layout)
            if need:
                suite.check(name + (" (exports)" if need == "export" else ""), ok, detail)
            else:
                print("INFO %s: %s" % (name, detail))
            rows.append(row)
            # torch 2.14: cache_position sharing a Dim with input_ids breaks ep.module()'s guard
            # code (NameError: name 'L'); the same spec with cache_position's own name is tried.
            broken = any("name 'L' is not defined" in r.get("message", "") for r in row["runs"])
            if broken and has_key(spec, "cache_position"):
                spec2 = rename_top_dims(spec, "cache_position", "cache_pos")
                ev2, rounds2, spec2, history2 = until_exported(runner, verify_req(d, layout, spec2))
                row2 = dict(row, family=fam + " (cache_position: own Dim)", rounds=rounds + rounds2,
                            spec=spec2, fixes=row["fixes"] + [fixes_text(m) for _, m in history2])
                row2["exported"] = ev2 is not None and ev2.get("status") == "exported"
                row2["runs"] = (ev2 or {}).get("runs", [])
                row2["registrations"] = (ev2 or {}).get("registrations", [])
                row2["error"] = "" if row2["exported"] else json.dumps(ev2)[:300]
                runs2 = dict((r["name"], r) for r in row2["runs"])
                ok2 = row2["exported"] and (need != "match" or runs2.get("other_inputs", {}).get("ok"))
                detail2 = "runs " + ", ".join("%s %s" % (r["name"], "ok" if r["ok"] else "FAILED (%s)"
                                                             % r["message"][:100]) for r in row2["runs"])
                if need:
                    suite.check(name + ", cache_position with its own Dim", ok2, detail2)
                else:
                    print("INFO %s, cache_position with its own Dim: %s" % (name, detail2))
                rows.append(row2)
    return rows


def has_key(spec, key):
    return isinstance(spec, dict) and "dict" in spec and any(k == key for k, _ in spec["dict"])


def rename_top_dims(spec, key, new):
    """The spec with every named dim of the top-level input `key` renamed to `new`."""
    def ren(node):
        if node is None:
            return None
        if "dict" in node:
            return {"dict": [[k, ren(v)] for k, v in node["dict"]]}
        if "dim" in node:
            out = dict(node)
            out["dim"] = new
            return out
        return node
    return {"dict": [[k, ren(v) if k == key else v] for k, v in spec["dict"]]}


FAMILY_ORDER = ["llama", "qwen2", "qwen3", "phi3", "gpt2", "mistral", "gemma2", "gemma3",
                "llama_static", "gemma2_static", "mamba", "jamba", "t5", "bart", "whisper",
                "zamba2", "deepseek_v32"]


# ---------------------------------------------------------------------------
# RESULTS.md


def write_results(path, rows, timings, env_line, trixie_line):
    lines = []
    w = lines.append
    w("# Runner results per family")
    w("")
    w("Written by `tests/runner/run_runner_tests.py --results tests/runner/RESULTS.md`: each "
      "family's inputs (`tests/runner/make_inputs.py`, tiny configs with random weights, set a = "
      "batch 2, 30 cached + 3 new tokens; set b = batch 3, 31 cached + 4 new tokens; Mamba and "
      "Jamba decode 1 new token) and every family of `tests/fixtures/models` (rows marked "
      "`[fixture]`: the project's real input files, with padded masks and saved views; "
      "allowed_classes = their `classes.txt`), verified through `resources/dimstudio_runner.py` "
      "started as DimStudio starts it.")
    w("")
    w("- Environment: " + env_line)
    if trixie_line:
        w("- Also run: " + trixie_line)
    w("- **rounds**: rounds of torch's `Suggested fixes:` applied to the *semantic guess* "
      "(dims that differ between a and b, named batch / cache / seq / seq_1 like DimStudio's "
      "`--names semantic`) before it exported.")
    w("- **matches eager**: `ep.module()` vs the eager model, max abs diff over every output "
      "tensor (logits and the returned cache) on inputs a, on inputs b (`other_inputs`) and on a "
      "copy of a whose dynamic dims all moved by one (`changed_dims`); ok = within 1e-4.")
    w("- **registration**: who registered the cache classes (`transformers`: "
      "`register_dynamic_cache_export_support()`; `dimstudio`: the runner) and whether the "
      "registration is faithful (carries every layer's state).")
    w("")
    w("| family | layout | registration | exported? | rounds | matches eager on other inputs? | notes |")
    w("|---|---|---|---|---|---|---|")
    for row in rows:
        regs = row.get("registrations") or []
        reg = ", ".join("%s by %s%s" % (r["class"], r["by"], "" if r.get("faithful") else " (unfaithful)")
                        for r in regs) or "none"
        runs = dict((r["name"], r) for r in row.get("runs", []))

        def run_txt(name):
            r = runs.get(name)
            if not r:
                return "-"
            if r["ok"]:
                return "yes (%.1g)" % r["max_abs_diff"]
            return "**no**"
        match = "%s; changed dims %s" % (run_txt("other_inputs"), run_txt("changed_dims")) \
            if row["exported"] else "-"
        notes = []
        if row["fixes"]:
            notes.append("fixes: " + "; ".join("`%s`" % f for f in row["fixes"]))
        if not row["exported"]:
            notes.append(row.get("error", "")[:200].replace("|", "\\|"))
        for name in ("other_inputs", "changed_dims"):
            r = runs.get(name)
            if r and not r["ok"]:
                notes.append("%s: %s" % (name, r["message"][:160].replace("|", "\\|")))
        unfaithful = [r["note"] for r in regs if not r.get("faithful") and r.get("note")]
        if unfaithful:
            notes.append(unfaithful[0][:200].replace("|", "\\|"))
        w("| %s | %s | %s | %s | %s | %s | %s |" % (
            row["family"], row["layout"], reg, "yes" if row["exported"] else "**no**",
            row["rounds"] if row["exported"] else "-", match, "; ".join(notes)))
    w("")
    if timings:
        w("## Cold and warm verify (Llama, layout layers, same runner)")
        w("")
        w("| | wall time request→result | torch.export.export | outside export | model build |")
        w("|---|---|---|---|---|")
        w("| first verify (cold) | %.2f s | %.2f s | %.2f s | %.2f s |" % (
            timings["cold"], timings["cold_export"], timings["cold_outside"], timings["cold_model"]))
        w("| second verify (warm) | %.2f s | %.2f s | %.3f s | %.3f s (cached) |" % (
            timings["warm"], timings["warm_export"], timings["warm_outside"], timings["warm_model"]))
        w("")
        w("The runner itself was ready %.2f s after it was started (Python start, `import torch`, "
          "`import transformers`). \"Outside export\" is the wall time of the request minus "
          "`export_seconds`: loading the inputs, building (cold) or finding (warm) the model, "
          "registrations, leaves, JSON. The runner's own `timings` (seconds): cold `%s`, warm `%s`."
          % (timings["ready"], json.dumps(timings["cold_timings"]), json.dumps(timings["warm_timings"])))
        w("")
    w("## Specs that exported (typed JSON)")
    w("")
    for row in rows:
        if not row["exported"]:
            continue
        w("- **%s**, %s (%d round(s)):" % (row["family"], row["layout"], row["rounds"]))
        w("  `%s`" % json.dumps(row["spec"], separators=(",", ":")))
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


# ---------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--python")
    ap.add_argument("--trixie")
    ap.add_argument("--old-torch")
    ap.add_argument("--no-torch")
    ap.add_argument("--families")
    ap.add_argument("--layouts")
    ap.add_argument("--results")
    ap.add_argument("--keep")
    ap.add_argument("--no-fixtures", action="store_true")
    args = ap.parse_args()
    suite = Suite()
    ref, trixie, old, no_torch = resolve_pythons(args)
    print("reference python: %s" % (" ".join(ref) if ref else "none"))
    print("trixie python:    %s" % (" ".join(trixie) if trixie else "none"))
    print("old torch python: %s" % (" ".join(old) if old else "none"))
    print("no-torch python:  %s" % (" ".join(no_torch) if no_torch else "none"))
    sys.stdout.flush()

    if no_torch:
        case_fatal(suite, no_torch, "no_torch", " ".join(no_torch))
    else:
        suite.skip("fatal no_torch", "no Python without torch found")
    if old:
        case_fatal(suite, old, "old_torch", " ".join(old))
    else:
        suite.skip("fatal old_torch", "no Python with torch < 2.5 found")

    workdir = args.keep or tempfile.mkdtemp(prefix="dimstudio-runner-tests-")
    os.makedirs(workdir, exist_ok=True)
    wanted = args.families.split(",") if args.families else None
    families = wanted or list(FAMILY_ORDER)
    layouts = args.layouts.split(",") if args.layouts else list(LAYOUTS)
    rows, timings, env_line, trixie_line = [], {}, "", ""
    try:
        if ref is None:
            suite.skip("reference environment", "no Python with torch >= 2.5 (build it with "
                       "scripts/torch-env.sh build sid)")
        else:
            toy = make_toys(ref, workdir)
            dirs = make_inputs(ref, workdir, families, suite, wanted, not args.no_fixtures)
            runner = Runner(ref)
            case_ready(suite, runner, "reference", None)
            first = runner.first or {}
            env_line = "Python %s, torch %s, transformers %s (`%s`)" % (
                first.get("python"), first.get("torch"), first.get("transformers"), " ".join(ref))
            if first.get("event") == "ready":
                case_protocol_errors(suite, runner, toy, "reference")
                case_toy(suite, runner, toy, "reference")
                if "llama" in dirs:
                    case_llama(suite, runner, dirs["llama"])
                    case_unsafe(suite, runner, dirs["llama"])
                rows = case_families(suite, runner, dirs, layouts)
                rc = runner.quit()
                suite.check("reference: quit -> exit code 0", rc == 0, "rc %s" % rc)
                if "llama" in dirs:
                    timings = case_warm(suite, ref, dirs["llama"], toy)
            else:
                runner.close()
        if trixie:
            toy_t = make_toys(trixie, os.path.join(workdir, "trixie"))
            r = Runner(trixie)
            case_ready(suite, r, "trixie", False)
            first = r.first or {}
            trixie_line = "the subset without transformers on Python %s, torch %s (`%s`)" % (
                first.get("python"), first.get("torch"), " ".join(trixie))
            if first.get("event") == "ready":
                case_protocol_errors(suite, r, toy_t, "trixie")
                case_toy(suite, r, toy_t, "trixie")
                if "llama" in (dirs if ref else {}):
                    ev, _, _ = r.request(verify_req(dirs["llama"], "layers", None))
                    suite.check("trixie: a config model without transformers -> model_not_found "
                                "or unsafe/bad_class", ev is not None and ev.get("event") == "error"
                                and ev.get("code") in ("bad_class", "model_not_found"), json.dumps(ev))
            rc = r.quit()
            suite.check("trixie: quit -> exit code 0", rc == 0, "rc %s" % rc)
        else:
            suite.skip("trixie subset", "no torch 2.6 environment (scripts/torch-env.sh build trixie)")
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.results and rows:
        write_results(args.results, rows, timings, env_line, trixie_line)
        print("wrote %s" % args.results)
    print("%d passed, %d failed, %d skipped" % (suite.passed, suite.failed, suite.skipped))
    if suite.failures:
        print("failed: " + ", ".join(suite.failures))
    return 1 if suite.failed else 0


if __name__ == "__main__":
    sys.exit(main())
