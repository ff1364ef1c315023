"""Starts resources/dimstudio_runner.py exactly as DimStudio does and talks to it.

DimStudio runs `PYTHON -u -c BOOT`, writes the source's length in bytes on one
line, the source, then one JSON request per line (docs/runner-protocol.md).
"""

import json
import os
import subprocess
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
RUNNER = os.path.join(REPO, "resources", "dimstudio_runner.py")

BOOT = ('import sys;b=sys.stdin.buffer;n=int(b.readline());'
        'exec(compile(b.read(n).decode(),"dimstudio_runner.py","exec"))')


class Runner(object):
    def __init__(self, python_cmd, env=None, source=None):
        """python_cmd: a list, e.g. ["python3"] or ["bash", "scripts/torch-env.sh", "python", "sid"]."""
        if source is None:
            with open(RUNNER, "rb") as f:
                source = f.read()
        self.stderr_lines = []
        self.t_start = time.perf_counter()
        self.proc = subprocess.Popen(
            list(python_cmd) + ["-u", "-c", BOOT],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        self._err_thread = threading.Thread(target=self._drain_stderr, daemon=True)
        self._err_thread.start()
        self.proc.stdin.write(b"%d\n" % len(source))
        self.proc.stdin.write(source)
        self.proc.stdin.flush()
        self.first = self.read_event()
        self.ready_seconds = time.perf_counter() - self.t_start
        self.next_id = 1

    def _drain_stderr(self):
        for line in self.proc.stderr:
            self.stderr_lines.append(line.decode("utf-8", "replace").rstrip("\n"))

    def read_event(self):
        line = self.proc.stdout.readline()
        if not line:
            return None
        try:
            return json.loads(line.decode("utf-8"))
        except ValueError:
            return {"event": "<not json>", "raw": line.decode("utf-8", "replace")}

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def request(self, req):
        """Sends req (an id is added) and returns (final event, progress list, wall seconds)."""
        req = dict(req)
        if "id" not in req:
            req["id"] = self.next_id
            self.next_id += 1
        t0 = time.perf_counter()
        self.send_raw((json.dumps(req) + "\n").encode("utf-8"))
        progress = []
        while True:
            ev = self.read_event()
            if ev is None:
                return None, progress, time.perf_counter() - t0
            if ev.get("event") == "progress":
                progress.append(ev)
                continue
            return ev, progress, time.perf_counter() - t0

    def quit(self, timeout=60):
        try:
            self.send_raw(b'{"id": 0, "cmd": "quit"}\n')
            self.proc.stdin.close()
        except Exception:
            pass
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return None

    def close(self):
        if self.proc.poll() is None:
            self.quit()
        self._err_thread.join(timeout=5)

    def stderr_tail(self, n=15):
        return "\n".join(self.stderr_lines[-n:])


# ---------------------------------------------------------------------------
# The typed JSON of docs/runner-protocol.md, from Python values.

class D(object):
    """A named dimension in a spec written in Python: D("batch", min=1)."""

    def __init__(self, name, min=None, max=None):
        self.name, self.min, self.max = name, min, max

    def typed(self):
        out = {"dim": self.name}
        if self.min is not None:
            out["min"] = self.min
        if self.max is not None:
            out["max"] = self.max
        return out


class Hint(object):
    def __init__(self, hint, min=None, max=None):
        self.hint, self.min, self.max = hint, min, max

    def typed(self):
        out = {"hint": self.hint}
        if self.min is not None:
            out["min"] = self.min
        if self.max is not None:
            out["max"] = self.max
        return out


DYN = Hint("DYNAMIC")
AUTO = Hint("AUTO")


def typed(v):
    """Python spec (dicts with int keys, lists, tuples, D, Hint, ints, None) -> typed JSON."""
    if v is None:
        return None
    if isinstance(v, (D, Hint)):
        return v.typed()
    if isinstance(v, int) and not isinstance(v, bool):
        return {"int": v}
    if isinstance(v, dict):
        return {"dict": [[k, typed(x)] for k, x in v.items()]}
    if isinstance(v, list):
        return {"list": [typed(x) for x in v]}
    if isinstance(v, tuple):
        return {"tuple": [typed(x) for x in v]}
    raise TypeError("cannot type %r" % (v,))


def untyped_str(t):
    """Typed JSON -> compact Python-like text, for reports."""
    if t is None:
        return "None"
    if "dict" in t:
        return "{" + ", ".join("%r: %s" % (k, untyped_str(v)) for k, v in t["dict"]) + "}"
    if "list" in t:
        return "[" + ", ".join(untyped_str(v) for v in t["list"]) + "]"
    if "tuple" in t:
        inner = ", ".join(untyped_str(v) for v in t["tuple"])
        return "(" + inner + ("," if len(t["tuple"]) == 1 else "") + ")"
    if "dim" in t:
        extra = "".join(", %s=%s" % (k, t[k]) for k in ("min", "max") if k in t)
        return "Dim(%r%s)" % (t["dim"], extra)
    if "hint" in t:
        return "Dim." + t["hint"]
    if "derived" in t:
        return "%s*%s+%s" % (t.get("mul", 1), t["derived"], t.get("add", 0))
    if "int" in t:
        return str(t["int"])
    return json.dumps(t)
