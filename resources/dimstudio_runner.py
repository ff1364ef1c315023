# dimstudio_runner.py: DimStudio's export runner (protocol 1, docs/runner-protocol.md).
#
# DimStudio starts the user's Python as `PYTHON -u -c BOOT`, writes a line with
# this file's length in bytes, this file, then one JSON request per line. The
# runner answers in JSON lines on the original standard output; everything else
# (the model's prints, warnings, tracebacks) goes to standard error.
# Standard library + torch (+ transformers when the inputs or the model need it).
# Python 3.9+ syntax, torch 2.5 or later.

import collections
import importlib
import importlib.util
import json
import os
import platform
import re
import sys
import time
import traceback

PROTOCOL = 1
MIN_TORCH = (2, 5)

# ---------------------------------------------------------------------------
# The channel: protocol lines go to a private duplicate of file descriptor 1;
# fd 1 itself and sys.stdout then point at standard error, so that neither
# Python prints nor C-level writes of user code can break the protocol.


def _open_channel():
    try:
        sys.stdout.flush()
    except Exception:
        pass
    try:
        fd = os.dup(1)
        os.dup2(2, 1)
        out = os.fdopen(fd, "wb", buffering=0)
    except OSError:
        out = sys.stdout.buffer
    sys.stdout = sys.stderr
    inp = sys.stdin.buffer
    try:
        sys.stdin = open(os.devnull, "r")
    except OSError:
        pass
    return out, inp


# As a runner (DimStudio's `-c BOOT` runs it as __main__) it owns the channel;
# imported as a module (`dimstudio runner -o dimstudio_runner.py`, then
# `dimstudio_runner.register_for(inputs, "layers")`) it touches no file descriptor.
_OUT, _IN = _open_channel() if __name__ == "__main__" else (None, None)


def _send(obj):
    _OUT.write((json.dumps(obj, allow_nan=False, default=str) + "\n").encode("utf-8"))
    try:
        _OUT.flush()
    except Exception:
        pass


def _one_line(text, limit=600):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _last_line(exc):
    lines = [ln.strip() for ln in ("%s" % (exc,)).splitlines() if ln.strip()]
    tail = lines[-1] if lines else ""
    return _one_line("%s: %s" % (type(exc).__name__, tail) if tail else type(exc).__name__)


class RequestError(Exception):
    """A protocol `error` answer: a problem with the request or the environment."""

    def __init__(self, code, message, **extra):
        Exception.__init__(self, message)
        self.code = code
        self.message = _one_line(message)
        self.extra = extra


# ---------------------------------------------------------------------------
# Startup: torch (required), transformers (optional).


def _version_tuple(text):
    nums = []
    for part in re.split(r"[.+]", str(text))[:3]:
        m = re.match(r"\d+", part)
        nums.append(int(m.group(0)) if m else 0)
    return tuple(nums)


def _fatal(code, message):
    if _OUT is None:  # imported as a module
        raise ImportError(_one_line(message))
    _send({"event": "fatal", "code": code, "message": _one_line(message)})
    sys.exit(2)


try:
    import torch
except Exception as _e:  # ImportError, or a broken install
    _fatal("no_torch", "this Python (%s, %s) cannot import torch (%s); install PyTorch 2.5 or "
           "later in it, or give DimStudio another interpreter with --python"
           % (sys.executable or "python", platform.python_version(), _last_line(_e)))

if _version_tuple(torch.__version__)[:2] < MIN_TORCH or not hasattr(torch, "export"):
    _fatal("old_torch", "torch %s in %s is too old for torch.export with dynamic shapes: install "
           "PyTorch 2.5 or later, or give DimStudio another interpreter with --python"
           % (torch.__version__, sys.executable or "python"))

import copy  # noqa: E402
import torch.export  # noqa: E402
import torch.utils._pytree as pytree  # noqa: E402

try:
    import torch.fx._pytree as fx_pytree  # noqa: E402
except Exception:  # pragma: no cover
    fx_pytree = None

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

try:
    import transformers  # lazy module: cheap; modeling code is imported on demand
    TRANSFORMERS_VERSION = str(transformers.__version__)
except Exception:
    transformers = None
    TRANSFORMERS_VERSION = None

# ---------------------------------------------------------------------------
# Loading inputs


def _resolve_name(name):
    """'pkg.module.Class' (or 'pkg.module.Outer.Inner') -> the object, importing the module."""
    if not isinstance(name, str) or not re.match(r"^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)+$", name):
        raise RequestError("bad_class", "allowed class name %r is not of the form module.Class" % (name,))
    parts = name.split(".")
    last_error = None
    for i in range(len(parts) - 1, 0, -1):
        modname = ".".join(parts[:i])
        try:
            obj = importlib.import_module(modname)
        except ImportError as e:
            last_error = e
            continue
        except Exception as e:
            raise RequestError("bad_class", "importing %s for allowed class %s failed: %s"
                               % (modname, name, _last_line(e)))
        try:
            for attr in parts[i:]:
                obj = getattr(obj, attr)
        except AttributeError:
            raise RequestError("bad_class", "allowed class %s: module %s has no %s"
                               % (name, modname, ".".join(parts[i:])))
        return obj
    raise RequestError("bad_class", "allowed class %s: cannot import %s (%s)"
                       % (name, parts[0], _last_line(last_error) if last_error else "no module"))


_REFUSED_GLOBAL = re.compile(r"Unsupported global: GLOBAL ([\w.]+)")


def _weights_only_refusal(exc):
    """(class name or None, one line, whether allowing the class would help) from torch's
    weights_only refusal text."""
    text = str(exc)
    m = _REFUSED_GLOBAL.search(text)
    if m:
        return m.group(1), "torch.load(weights_only=True) refused GLOBAL %s" % m.group(1), True
    m = re.search(r"Can only (SETITEMS?|append)[^\n]*but got <class '([\w.]+)'>", text)
    if m:
        return m.group(2), ("torch.load(weights_only=True) cannot rebuild %s (torch's weights-only "
                            "unpickler refuses %s on anything but a plain dict or list, whatever "
                            "is allowed)" % (m.group(2), m.group(1))), False
    m = re.search(r"WeightsUnpickler error: *\n*([^\n]+)", text)
    if m:
        detail = m.group(1).strip()
        m2 = re.search(r"(?:function|class|type|global)\s+<?(?:class\s+)?'?([\w.]+)", detail)
        return (m2.group(1) if m2 else None), "torch.load(weights_only=True) refused: " + detail, False
    return None, "torch.load(weights_only=True) refused the file: " + _last_line(exc), False


def _load_with_safe_globals(path, classes):
    ser = torch.serialization
    if hasattr(ser, "safe_globals"):
        with ser.safe_globals(classes):
            return torch.load(path, map_location="cpu", weights_only=True)
    saved = list(ser.get_safe_globals()) if hasattr(ser, "get_safe_globals") else []
    ser.add_safe_globals(classes)
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    finally:
        if hasattr(ser, "clear_safe_globals"):
            ser.clear_safe_globals()
            ser.add_safe_globals(saved)


def load_inputs(path, allowed, trust):
    if not isinstance(path, str) or not path:
        raise RequestError("bad_request", "inputs must be a file path")
    if not os.path.isfile(path):
        raise RequestError("inputs_not_found", "inputs file not found: %s" % path)
    if trust:
        try:
            return torch.load(path, map_location="cpu", weights_only=False)
        except Exception as e:
            raise RequestError("bad_inputs", "cannot load %s (trust_pickle): %s" % (path, _last_line(e)))
    classes = []
    for name in allowed or []:
        obj = _resolve_name(name)
        # torch keys an allowed global by module.__name__; a name that is not the object's own
        # (a re-export, or an instance such as torch.float32) is given as (object, name).
        own = None
        if isinstance(getattr(obj, "__module__", None), str) and isinstance(getattr(obj, "__name__", None), str):
            own = "%s.%s" % (obj.__module__, obj.__name__)
            classes.append(obj)
        if own != name:
            try:
                hash(obj)
                classes.append((obj, name))
            except TypeError:
                pass
    try:
        return _load_with_safe_globals(path, classes)
    except Exception as e:
        import pickle
        text = str(e)
        if isinstance(e, pickle.UnpicklingError) or "Weights only load failed" in text:
            cls, line, allowable = _weights_only_refusal(e)
            extra = {"class": cls} if cls else {}
            hint = ("; add it to allowed_classes, or pass trust_pickle" if allowable
                    else "; only trust_pickle can load it (if you trust the file)")
            raise RequestError("unsafe_pickle", "%s: %s%s" % (os.path.basename(path), line, hint), **extra)
        raise RequestError("bad_inputs", "cannot load %s: %s" % (path, _last_line(e)))


def _is_view(t):
    try:
        if t.is_sparse or t.layout != torch.strided:
            return False
        full = t.untyped_storage().nbytes() == t.numel() * t.element_size()
        return not (t.is_contiguous() and t.storage_offset() == 0 and full)
    except Exception:
        return False


def make_contiguous(obj, where="", memo=None, changed=None, depth=0):
    """Replaces every tensor that is a view into a larger storage (torch.save keeps views:
    `input_ids = ids[:, -3:]` is saved with stride 33 and offset 30) by a compact copy, in place
    in containers and objects. torch.export would otherwise guard on the hidden storage
    (`L['input_ids'].size()[1] != 33`). Returns (new object, list of the paths changed)."""
    if memo is None:
        memo, changed = {}, []
    if depth > 60:
        return obj, changed
    if isinstance(obj, torch.Tensor):
        if id(obj) in memo:
            return memo[id(obj)], changed
        new = obj
        if _is_view(obj):
            with torch.no_grad():
                new = obj.detach().clone(memory_format=torch.contiguous_format)
            new.requires_grad_(obj.requires_grad)
            extra = getattr(obj, "__dict__", None)
            if extra:
                new.__dict__.update(extra)  # e.g. _dynamo_static_input_type
            changed.append(where or "inputs")
        memo[id(obj)] = new
        return new, changed
    if isinstance(obj, (str, bytes, int, float, bool, type(None), type)):
        return obj, changed
    if id(obj) in memo:
        return memo[id(obj)], changed
    memo[id(obj)] = obj
    if isinstance(obj, dict):
        for k in list(obj.keys()):
            obj[k] = make_contiguous(obj[k], "%s[%r]" % (where, k), memo, changed, depth + 1)[0]
        return obj, changed
    if isinstance(obj, list):
        for i in range(len(obj)):
            obj[i] = make_contiguous(obj[i], "%s[%d]" % (where, i), memo, changed, depth + 1)[0]
        return obj, changed
    if isinstance(obj, tuple) and type(obj) is tuple:
        new = tuple(make_contiguous(v, "%s[%d]" % (where, i), memo, changed, depth + 1)[0]
                    for i, v in enumerate(obj))
        memo[id(obj)] = new
        return new, changed
    d = getattr(obj, "__dict__", None)
    if isinstance(d, dict):
        for k in list(d.keys()):
            d[k] = make_contiguous(d[k], "%s.%s" % (where, k), memo, changed, depth + 1)[0]
    return obj, changed


# ---------------------------------------------------------------------------
# Models, cached by (kind, path, mtime)

_MODELS = collections.OrderedDict()
MAX_MODELS = 4


def _model_key(spec):
    if not isinstance(spec, dict):
        raise RequestError("bad_request", "model must be {\"callable\": \"FILE.py:NAME\"} or {\"config\": PATH}")
    if "callable" in spec:
        target = spec["callable"]
        if not isinstance(target, str) or ":" not in target:
            raise RequestError("bad_request", "model.callable must be FILE.py:NAME")
        path, name = target.rsplit(":", 1)
        path = os.path.abspath(path)
        if not os.path.isfile(path):
            raise RequestError("model_not_found", "model file not found: %s" % path)
        return ("callable", path, name, os.stat(path).st_mtime_ns)
    if "config" in spec:
        path = spec["config"]
        if not isinstance(path, str):
            raise RequestError("bad_request", "model.config must be a path to config.json")
        path = os.path.abspath(path)
        if not os.path.isfile(path):
            raise RequestError("model_not_found", "config not found: %s" % path)
        return ("config", path, None, os.stat(path).st_mtime_ns)
    raise RequestError("bad_request", "model must have \"callable\" or \"config\"")


def _build_from_callable(path, name):
    folder = os.path.dirname(path)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    modname = "dimstudio_user_%x" % (abs(hash(path)) & 0xFFFFFFFF)
    try:
        spec = importlib.util.spec_from_file_location(modname, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[modname] = module
        spec.loader.exec_module(module)
    except Exception as e:
        sys.modules.pop(modname, None)
        traceback.print_exc()
        raise RequestError("model_failed", "importing %s failed: %s" % (path, _last_line(e)))
    fn = getattr(module, name, None)
    if fn is None or not callable(fn):
        raise RequestError("model_not_found", "%s defines no callable %s" % (path, name))
    try:
        torch.manual_seed(0)
        model = fn()
    except Exception as e:
        traceback.print_exc()
        raise RequestError("model_failed", "%s:%s() raised %s" % (os.path.basename(path), name, _last_line(e)))
    return model


def _build_from_config(path):
    if transformers is None:
        raise RequestError("model_not_found", "model from %s needs transformers, which this Python "
                           "cannot import" % path)
    try:
        with open(path, "r", encoding="utf-8") as f:
            data = json.load(f)
    except Exception as e:
        raise RequestError("model_failed", "cannot read %s: %s" % (path, _last_line(e)))
    archs = data.get("architectures") or []
    if not archs or not isinstance(archs[0], str):
        raise RequestError("model_not_found", "%s has no architectures[0] naming the model class" % path)
    arch = archs[0]
    try:
        model_cls = getattr(transformers, arch)
    except Exception as e:
        raise RequestError("model_not_found", "transformers %s has no class %s (%s)"
                           % (TRANSFORMERS_VERSION, arch, _last_line(e)))
    model_type = data.get("model_type")
    try:
        config_cls = getattr(model_cls, "config_class", None)
        if config_cls is None or config_cls is transformers.PretrainedConfig:
            from transformers.models.auto.configuration_auto import CONFIG_MAPPING
            config_cls = CONFIG_MAPPING[model_type]
        config = config_cls.from_json_file(path)
    except Exception as e:
        traceback.print_exc()
        raise RequestError("model_failed", "building the %s config from %s raised %s"
                           % (arch, path, _last_line(e)))
    try:
        torch.manual_seed(0)
        model = model_cls(config)
    except Exception as e:
        traceback.print_exc()
        raise RequestError("model_failed", "%s(config) raised %s" % (arch, _last_line(e)))
    return model


def get_model(spec, progress):
    key = _model_key(spec)
    hit = _MODELS.pop(key, None)
    if hit is not None:
        _MODELS[key] = hit  # most recently used last
        return hit, True
    progress("building the model (%s)" % (os.path.basename(key[1]) + (":" + key[2] if key[2] else "")))
    if key[0] == "callable":
        model = _build_from_callable(key[1], key[2])
    else:
        model = _build_from_config(key[1])
    if not isinstance(model, torch.nn.Module):
        raise RequestError("model_failed", "the model is a %s, not a torch.nn.Module" % type(model).__name__)
    model.eval()
    for old in [k for k in _MODELS if k[:3] == key[:3]]:
        del _MODELS[old]  # the file changed: drop the stale build
    while len(_MODELS) >= MAX_MODELS:
        _MODELS.pop(next(iter(_MODELS)))  # the least recently used
    _MODELS[key] = model
    return model, False


# ---------------------------------------------------------------------------
# Pytree registrations for caches, in the requested layout.
#
# transformers 5 caches are plain objects: a cache holds `layers`, each layer
# holds its tensors and counters. Layer children per layout (docs/runner-protocol.md):
LAYER_CHILDREN = {
    "DynamicLayer": ("keys", "values"),
    "DynamicSlidingWindowLayer": ("keys", "values", "cumulative_length"),
    "StaticLayer": ("keys", "values", "cumulative_length"),
    "StaticSlidingWindowLayer": ("keys", "values", "cumulative_length", "cumulative_length_int"),
    "LinearAttentionLayer": ("conv_states", "recurrent_states"),
    "LinearAttentionAndFullAttentionLayer": ("keys", "values", "conv_states", "recurrent_states"),
    "DynamicIndexedLayer": ("keys", "values", "indexer_keys"),
    "StaticIndexedLayer": ("keys", "values", "cumulative_length", "indexer_keys",
                           "indexer_cumulative_length"),
}
# Attributes recomputed from the children on unflatten (never kept in a context).
DERIVED_ATTRS = ("dtype", "device", "max_batch_size", "num_heads", "k_head_dim", "v_head_dim",
                 "head_dim", "max_cache_len", "conv_kernel_size", "_sliding_window_tensor")


def _layer_kind(cls):
    for klass in cls.__mro__:
        if klass.__name__ in LAYER_CHILDREN:
            return klass.__name__
    return None


def _layer_fields(layer):
    """Names of the layer's children (in order), or () for a layer not filled yet."""
    kind = _layer_kind(type(layer))
    if kind is not None:
        names = LAYER_CHILDREN[kind]
    else:  # an unknown layer class: its tensors, in attribute order
        names = tuple(k for k, v in vars(layer).items() if isinstance(v, torch.Tensor))
    if not names or getattr(layer, names[0], None) is None:
        return ()
    return tuple(n for n in names if n in vars(layer))


class _Frozen(object):
    """A value kept out of the tree (in a context) that compares equal to any other _Frozen, so
    that a tree spec holding one still matches other inputs (used only by unfaithful layouts)."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __eq__(self, other):
        return isinstance(other, _Frozen)

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self):
        return 0

    def __repr__(self):
        return "<frozen>"


def _freeze_attr(value):
    if isinstance(value, (bool, int, float, str, type(None), torch.dtype, torch.device, type)):
        return value
    if isinstance(value, (tuple, list)) and all(isinstance(v, (bool, int, float, str, type(None)))
                                                for v in value):
        return ("__seq__", type(value).__name__, tuple(value))
    if isinstance(value, dict) and all(isinstance(v, (bool, int, float, str, type(None)))
                                       for v in value.values()):
        return ("__dict__", tuple(value.items()))
    return _Frozen(value)


def _thaw_attr(value):
    if isinstance(value, _Frozen):
        v = value.value
        return v  # a tensor stays the example's own (export runs on a copy of the inputs)
    if isinstance(value, tuple) and len(value) == 3 and value[0] == "__seq__":
        return list(value[2]) if value[1] == "list" else tuple(value[2])
    if isinstance(value, tuple) and len(value) == 2 and value[0] == "__dict__":
        return dict(value[1])
    return value


def _static_attrs(obj, skip):
    """The context part of an object: its attributes except children and derivable ones."""
    out = []
    for k, v in vars(obj).items():
        if k in skip or k in DERIVED_ATTRS:
            continue
        out.append((k, _freeze_attr(v)))
    return tuple(out)


def _derived_present(obj):
    return tuple(k for k in DERIVED_ATTRS if k in vars(obj))


def _recompute_derived(layer, names):
    d = vars(layer)
    first = None
    for k in ("keys", "conv_states", "recurrent_states"):
        if isinstance(d.get(k), torch.Tensor):
            first = d[k]
            break
    keys = d.get("keys") if isinstance(d.get("keys"), torch.Tensor) else None
    values = d.get("values") if isinstance(d.get("values"), torch.Tensor) else None
    for name in names:
        if name == "dtype" and first is not None:
            d[name] = first.dtype
        elif name == "device" and first is not None:
            d[name] = first.device
        elif name == "max_batch_size" and first is not None:
            d[name] = first.shape[0]
        elif name == "num_heads" and keys is not None:
            d[name] = keys.shape[1]
        elif name in ("k_head_dim", "head_dim") and keys is not None:
            d[name] = keys.shape[-1]
        elif name == "v_head_dim" and values is not None:
            d[name] = values.shape[-1]
        elif name == "max_cache_len" and keys is not None:
            d[name] = keys.shape[-2]
        elif name == "conv_kernel_size" and isinstance(d.get("conv_states"), torch.Tensor):
            d[name] = d["conv_states"].shape[-1]
        elif name == "_sliding_window_tensor":
            sw = d.get("sliding_window")
            dev = first.device if first is not None else None
            d[name] = torch.tensor(sw if sw is not None else 0, dtype=torch.long, device=dev)
        elif name not in d:
            d[name] = None


def _layer_context(layer, fields):
    return (type(layer), fields, _static_attrs(layer, fields), _derived_present(layer))


def _layer_rebuild(context, values):
    cls, fields, static, derived = context
    layer = cls.__new__(cls)
    d = vars(layer)
    for k, v in static:
        d[k] = _thaw_attr(v)
    for k, v in zip(fields, values):
        d[k] = v
    _recompute_derived(layer, derived)
    return layer


def _cache_layers(cache):
    layers = vars(cache).get("layers")
    if not isinstance(layers, list):
        raise TypeError("%s has no `layers` list (a transformers cache pickled before 4.54 cannot be "
                        "exported with transformers %s)" % (type(cache).__name__, TRANSFORMERS_VERSION))
    return layers


def _cache_context_base(cache):
    return (type(cache), _static_attrs(cache, ("layers",)))


def _cache_rebuild(base, layers):
    cls, static = base
    cache = cls.__new__(cls)
    d = vars(cache)
    for k, v in static:
        d[k] = _thaw_attr(v)
    d["layers"] = list(layers)
    return cache


# -- layout "layers": one node per cache, one per layer ----------------------

def _layers_cache_flatten(cache):
    layers = _cache_layers(cache)
    return list(layers), _cache_context_base(cache)


def _layers_cache_flatten_keys(cache):
    children, ctx = _layers_cache_flatten(cache)
    return [(pytree.SequenceKey(i), c) for i, c in enumerate(children)], ctx


def _layers_cache_unflatten(values, context):
    return _cache_rebuild(context, values)


def _layers_layer_flatten(layer):
    fields = _layer_fields(layer)
    return [getattr(layer, f) for f in fields], _layer_context(layer, fields)


def _layers_layer_flatten_keys(layer):
    children, ctx = _layers_layer_flatten(layer)
    return [(pytree.MappingKey(f), c) for f, c in zip(ctx[1], children)], ctx


def _layers_layer_unflatten(values, context):
    return _layer_rebuild(context, values)


# -- layouts "transformers" ([[k...], [v...]]) and "flat" ([k0, v0, k1, v1, ...]) -------------
# A layer's extra state cannot be an input in these layouts: the layer class and its constant
# attributes ride in the context, counters are recomputed from the keys when they can be
# (a sliding window not yet full), and other tensors (linear-attention states, a static
# layer's cumulative_length) are frozen to the example's values.

def _kv_layer_meta(layer):
    d = vars(layer)
    has_kv = isinstance(d.get("keys"), torch.Tensor) and isinstance(d.get("values"), torch.Tensor)
    fields = ("keys", "values") if has_kv else ()
    kind = _layer_kind(type(layer))
    own = LAYER_CHILDREN.get(kind, ("keys", "values"))
    skip = set(fields)
    recompute = []
    frozen = []
    for name in own:
        if name in skip or name not in d:
            continue
        if has_kv and name == "cumulative_length" and isinstance(d[name], int) and \
                not isinstance(d[name], bool) and d[name] == d["keys"].shape[-2]:
            recompute.append(name)  # DynamicSlidingWindowLayer: exact while the window is not full
            skip.add(name)
    static = []
    for k, v in d.items():
        if k in skip or k in DERIVED_ATTRS:
            continue
        fv = _freeze_attr(v)
        if isinstance(fv, _Frozen) or (k in own and k not in fields):
            frozen.append(k)
            fv = _Frozen(v)
        static.append((k, fv))
    return has_kv, (type(layer), fields, tuple(static), _derived_present(layer), tuple(recompute))


def _kv_layer_rebuild(meta, keys, values):
    cls, fields, static, derived, recompute = meta
    layer = cls.__new__(cls)
    d = vars(layer)
    for k, v in static:
        d[k] = _thaw_attr(v)
    if fields:
        d["keys"] = keys
        d["values"] = values
    for name in recompute:
        d[name] = keys.shape[-2]
    _recompute_derived(layer, derived)
    return layer


def _kv_parts(cache):
    layers = _cache_layers(cache)
    keys, values, metas = [], [], []
    for layer in layers:
        has_kv, meta = _kv_layer_meta(layer)
        metas.append(meta)
        if has_kv:
            keys.append(layer.keys)
            values.append(layer.values)
    return keys, values, tuple(metas)


def _kv_rebuild_cache(base, metas, keys, values):
    layers = []
    i = 0
    for meta in metas:
        if meta[1]:
            layers.append(_kv_layer_rebuild(meta, keys[i], values[i]))
            i += 1
        else:
            layers.append(_kv_layer_rebuild(meta, None, None))
    return _cache_rebuild(base, layers)


def _tf_cache_flatten(cache):
    keys, values, metas = _kv_parts(cache)
    return [keys, values], (["key_cache", "value_cache"], _cache_context_base(cache), metas)


def _tf_cache_flatten_keys(cache):
    children, ctx = _tf_cache_flatten(cache)
    return [(pytree.MappingKey("key_cache"), children[0]),
            (pytree.MappingKey("value_cache"), children[1])], ctx


def _tf_cache_unflatten(values, context):
    _, base, metas = context
    return _kv_rebuild_cache(base, metas, list(values[0]), list(values[1]))


def _flat_cache_flatten(cache):
    keys, values, metas = _kv_parts(cache)
    children, names = [], []
    for i, (k, v) in enumerate(zip(keys, values)):
        children += [k, v]
        names += ["key_%d" % i, "value_%d" % i]
    return children, (names, _cache_context_base(cache), metas)


def _flat_cache_flatten_keys(cache):
    children, ctx = _flat_cache_flatten(cache)
    return [(pytree.MappingKey(n), c) for n, c in zip(ctx[0], children)], ctx


def _flat_cache_unflatten(values, context):
    _, base, metas = context
    values = list(values)
    return _kv_rebuild_cache(base, metas, values[0::2], values[1::2])


# -- EncoderDecoderCache (every layout): [self_attention_cache, cross_attention_cache] ---------

ENC_DEC_FIELDS = ("self_attention_cache", "cross_attention_cache")


def _encdec_flatten(cache):
    d = vars(cache)
    return [d[f] for f in ENC_DEC_FIELDS], (type(cache), _static_attrs(cache, ENC_DEC_FIELDS))


def _encdec_flatten_keys(cache):
    children, ctx = _encdec_flatten(cache)
    return [(pytree.MappingKey(f), c) for f, c in zip(ENC_DEC_FIELDS, children)], ctx


def _encdec_unflatten(values, context):
    cls, static = context
    cache = cls.__new__(cls)
    d = vars(cache)
    for k, v in static:
        d[k] = _thaw_attr(v)
    for f, v in zip(ENC_DEC_FIELDS, values):
        d[f] = v
    return cache


# -- ModelOutput: the non-None fields, with keys ---------------------------------------------

def _mo_flatten(output):
    return list(output.values()), list(output.keys())


def _mo_flatten_keys(output):
    return [(pytree.MappingKey(k), v) for k, v in output.items()], list(output.keys())


def _mo_unflatten_for(cls):
    def unflatten(values, context):
        return cls(**dict(zip(context, values)))
    return unflatten


# -- registry bookkeeping ---------------------------------------------------------------------

_REGISTERED = {}  # class -> (tag, record)


def _is_registered(cls):
    return cls in pytree.SUPPORTED_NODES


def _deregister(cls):
    """Removes cls's pytree registration (torch's own function where it exists, 2.7+)."""
    if cls in pytree.SUPPORTED_NODES:
        done = False
        if hasattr(pytree, "_deregister_pytree_node"):
            try:
                pytree._deregister_pytree_node(cls)
                done = True
            except Exception:
                traceback.print_exc()
        if not done:  # torch 2.5/2.6: undo _private_register_pytree_node by hand
            lock = getattr(pytree, "_NODE_REGISTRY_LOCK", None)
            if lock is not None:
                lock.acquire()
            try:
                pytree.SUPPORTED_NODES.pop(cls, None)
                ser = getattr(pytree, "SUPPORTED_SERIALIZED_TYPES", {}).pop(cls, None)
                names = getattr(pytree, "SERIALIZED_TYPE_TO_PYTHON_TYPE", {})
                if ser is not None and names.get(getattr(ser, "serialized_type_name", None)) is cls:
                    names.pop(ser.serialized_type_name, None)
                const = getattr(pytree, "CONSTANT_NODES", None)
                if isinstance(const, set):
                    const.discard(cls)
            finally:
                if lock is not None:
                    lock.release()
    if fx_pytree is not None:
        for table in ("SUPPORTED_NODES", "SUPPORTED_NODES_EXACT_MATCH"):
            t = getattr(fx_pytree, table, None)
            if isinstance(t, dict):
                t.pop(cls, None)


def _register(cls, flatten, unflatten, flatten_keys):
    try:
        pytree.register_pytree_node(
            cls, flatten, unflatten,
            serialized_type_name="%s.%s" % (cls.__module__, cls.__qualname__),
            flatten_with_keys_fn=flatten_keys)
    except Exception:
        # The Python registry (the one torch.export uses) is set first; a C++ (optree) registry
        # that still knows the class from an earlier layout may refuse: not needed here.
        node = pytree.SUPPORTED_NODES.get(cls)
        if node is None or node.flatten_fn is not flatten:
            raise
    if fx_pytree is not None and hasattr(fx_pytree, "register_pytree_flatten_spec"):
        fx_pytree.register_pytree_flatten_spec(cls, lambda obj, spec, _f=flatten: _f(obj)[0])


def _ensure(cls, tag, do_register):
    """Registers cls with do_register() unless it is already registered under tag."""
    current = _REGISTERED.get(cls)
    if current is not None and current[0] == tag and _is_registered(cls):
        return
    _deregister(cls)
    do_register()
    _REGISTERED[cls] = (tag, None)


def _walk(obj, seen, found, depth=0):
    """Collects the classes of caches, layers and ModelOutputs reachable from obj."""
    if depth > 50 or id(obj) in seen:
        return
    if isinstance(obj, (torch.Tensor, str, bytes, int, float, bool, type(None))):
        return
    seen.add(id(obj))
    if isinstance(obj, dict):
        if type(obj) not in (dict,) and _is_model_output(obj):
            found.setdefault("outputs", []).append(obj)
        for v in obj.values():
            _walk(v, seen, found, depth + 1)
        return
    if isinstance(obj, (list, tuple)):
        for v in obj:
            _walk(v, seen, found, depth + 1)
        return
    d = getattr(obj, "__dict__", None)
    if not isinstance(d, dict):
        return
    if "self_attention_cache" in d and "cross_attention_cache" in d:
        found.setdefault("encdec", []).append(obj)
    elif "layers" in d and isinstance(d["layers"], list):
        found.setdefault("caches", []).append(obj)
        for layer in d["layers"]:
            found.setdefault("layers", []).append(layer)
        return
    elif "key_cache" in d and "value_cache" in d:
        found.setdefault("legacy", []).append(obj)
        return
    for v in d.values():
        _walk(v, seen, found, depth + 1)


def _is_model_output(obj):
    if transformers is None:
        return False
    try:
        from transformers.utils import ModelOutput
    except Exception:
        return False
    return isinstance(obj, ModelOutput)


def _transformers_dynamic_cache_support():
    """transformers' own registration of DynamicCache ([[k...], [v...]]), or None."""
    try:
        from transformers.integrations.executorch import register_dynamic_cache_export_support
        return register_dynamic_cache_export_support
    except Exception:
        return None


def _fix_model_outputs():
    """transformers registers every ModelOutput subclass without flatten_with_keys_fn, which
    tree_flatten_with_path (and so torch.export) needs: register them again, with keys."""
    if transformers is None or "transformers.utils.generic" not in sys.modules:
        return []
    try:
        from transformers.utils import ModelOutput
    except Exception:
        return []
    fixed = []
    stack = list(ModelOutput.__subclasses__())
    seen = set()
    while stack:
        cls = stack.pop()
        if cls in seen:
            continue
        seen.add(cls)
        stack.extend(cls.__subclasses__())
        node = pytree.SUPPORTED_NODES.get(cls)
        if node is not None and getattr(node, "flatten_with_keys_fn", None) is not None:
            continue
        _deregister(cls)
        _register(cls, _mo_flatten, _mo_unflatten_for(cls), _mo_flatten_keys)
        _REGISTERED[cls] = ("model_output", None)
        fixed.append(cls)
    return fixed


def register_for(inputs, layout):
    """Registers the pytree nodes that the caches in `inputs` need, in `layout`.
    Returns the `registrations` list of the result."""
    found = {}
    _walk(inputs, set(), found)
    records = []
    if found.get("legacy"):
        names = sorted({type(c).__name__ for c in found["legacy"]})
        raise RequestError("bad_inputs", "the inputs hold %s pickled by transformers 4.53 or older "
                           "(key_cache/value_cache lists, no layers): transformers %s cannot run them"
                           % (", ".join(names), TRANSFORMERS_VERSION))
    # Caches the model may create or return even when the inputs hold none: register them too.
    cache_classes = []
    for c in found.get("caches", []):
        if type(c) not in cache_classes:
            cache_classes.append(type(c))
    present = set(cache_classes)
    if transformers is not None and "transformers.cache_utils" in sys.modules:
        cu = sys.modules["transformers.cache_utils"]
        for name in ("DynamicCache", "StaticCache"):
            cls = getattr(cu, name, None)
            if isinstance(cls, type) and cls not in cache_classes:
                cache_classes.append(cls)
        encdec_cls = getattr(cu, "EncoderDecoderCache", None)
    else:
        encdec_cls = None
    encdec_classes = []
    for c in found.get("encdec", []):
        if type(c) not in encdec_classes:
            encdec_classes.append(type(c))
    if isinstance(encdec_cls, type) and encdec_cls not in encdec_classes:
        encdec_classes.append(encdec_cls)
    present_encdec = {type(c) for c in found.get("encdec", [])}

    caches_of = {}
    for c in found.get("caches", []):
        caches_of.setdefault(type(c), []).append(c)
    if layout != "layers":  # layer nodes belong to the "layers" layout only
        for lcls in [k for k, v in _REGISTERED.items() if v[0] == "layers:layer"]:
            _deregister(lcls)
            del _REGISTERED[lcls]

    for cls in cache_classes:
        instances = caches_of.get(cls, [])
        layer_kinds = sorted({type(l).__name__ for c in instances for l in _cache_layers(c)})
        rec = {"class": cls.__name__, "by": "dimstudio", "layout": layout, "faithful": True,
               "note": ""}
        if layout == "layers":
            _ensure(cls, "layers", lambda cls=cls: _register(
                cls, _layers_cache_flatten, _layers_cache_unflatten, _layers_cache_flatten_keys))
            layer_classes = []
            for c in instances:
                for layer in _cache_layers(c):
                    if type(layer) not in layer_classes:
                        layer_classes.append(type(layer))
            # Layer classes the model may create: every *Layer class transformers defines.
            if "transformers.cache_utils" in sys.modules:
                cu = sys.modules["transformers.cache_utils"]
                for name in LAYER_CHILDREN:
                    k = getattr(cu, name, None)
                    if isinstance(k, type) and k not in layer_classes:
                        layer_classes.append(k)
            for lcls in layer_classes:
                _ensure(lcls, "layers:layer", lambda lcls=lcls: _register(
                    lcls, _layers_layer_flatten, _layers_layer_unflatten, _layers_layer_flatten_keys))
            unknown = sorted({k for k in layer_kinds if k not in LAYER_CHILDREN})
            if unknown:
                rec["faithful"] = False
                rec["note"] = ("unknown layer class %s: its tensors are its children, its other "
                               "attributes are frozen" % ", ".join(unknown))
            elif layer_kinds:
                rec["note"] = "layers: " + ", ".join(layer_kinds)
        elif layout == "transformers":
            all_plain = all(k == "DynamicLayer" for k in layer_kinds)
            tf_cls = getattr(sys.modules.get("transformers.cache_utils"), "DynamicCache", None)
            own = _transformers_dynamic_cache_support() if cls is tf_cls else None
            if own is not None and all_plain:
                def do(own=own, cls=cls):
                    own()
                    if not _is_registered(cls):
                        raise RuntimeError("register_dynamic_cache_export_support() did not "
                                           "register %s" % cls.__name__)
                _ensure(cls, "transformers:own", do)
                rec["by"] = "transformers"
                rec["note"] = "transformers.integrations.executorch.register_dynamic_cache_export_support()"
            else:
                _ensure(cls, "transformers:dimstudio", lambda cls=cls: _register(
                    cls, _tf_cache_flatten, _tf_cache_unflatten, _tf_cache_flatten_keys))
                rec["faithful"], rec["note"] = _kv_faithfulness(instances, layer_kinds)
        elif layout == "flat":
            _ensure(cls, "flat", lambda cls=cls: _register(
                cls, _flat_cache_flatten, _flat_cache_unflatten, _flat_cache_flatten_keys))
            rec["faithful"], rec["note"] = _kv_faithfulness(instances, layer_kinds)
        if cls in present:
            records.append(rec)
    for cls in encdec_classes:
        _ensure(cls, "encdec", lambda cls=cls: _register(
            cls, _encdec_flatten, _encdec_unflatten, _encdec_flatten_keys))
        if cls in present_encdec:
            records.append({"class": cls.__name__, "by": "dimstudio", "layout": layout,
                            "faithful": True,
                            "note": "[self_attention_cache, cross_attention_cache]"})
    _fix_model_outputs()
    for obj in found.get("outputs", []):
        cls = type(obj)
        if not any(r["class"] == cls.__name__ for r in records):
            records.append({"class": cls.__name__, "by": "dimstudio", "layout": layout,
                            "faithful": True,
                            "note": "ModelOutput registered again with keys (its non-None fields)"})
    return records


def _kv_faithfulness(instances, layer_kinds):
    """(faithful, note) of a "transformers" or "flat" registration for these caches."""
    lost = {}  # layer kind -> names of the state it cannot carry
    full = {}  # layer kind -> example (cumulative_length, cached tokens) of a full window
    for c in instances:
        for layer in _cache_layers(c):
            kind = _layer_kind(type(layer)) or type(layer).__name__
            d = vars(layer)
            if kind == "DynamicLayer":
                continue
            if kind == "DynamicSlidingWindowLayer":
                keys, cum = d.get("keys"), d.get("cumulative_length")
                if isinstance(keys, torch.Tensor) and isinstance(cum, int) and cum != keys.shape[-2]:
                    full.setdefault(kind, (cum, keys.shape[-2]))
                continue
            names = [n for n in LAYER_CHILDREN.get(kind, ()) if n not in ("keys", "values") and n in d]
            lost.setdefault(kind, names or ["its state"])
    notes = []
    for kind, (cum, n) in full.items():
        notes.append("%s: the window is full (cumulative_length %d, %d cached tokens), so "
                     "cumulative_length cannot be recomputed from the keys and is frozen to the "
                     "example's value" % (kind, cum, n))
    for kind, names in lost.items():
        notes.append("%s: %s frozen to the example's values (not inputs in this layout)"
                     % (kind, ", ".join(names)))
    if notes:
        return False, "; ".join(notes) + "; use layout \"layers\" to carry every layer's state"
    extra = [k for k in layer_kinds if k != "DynamicLayer"]
    note = "layers: " + ", ".join(layer_kinds) if layer_kinds else ""
    if extra:
        note += " (cumulative_length recomputed from the keys' length: the windows are not full)"
    return True, note


# ---------------------------------------------------------------------------
# dynamic_shapes from the typed JSON


class _SpecBuilder(object):
    def __init__(self):
        self.dims = {}      # name -> Dim
        self.bounds = {}    # name -> (min, max)
        self.ranges = {}    # name -> (min, max) gathered from the whole spec first

    def gather(self, node):
        """Collects every name's range before any Dim is made, so that a name
        used first as the root of a derived dim and later with its bounds is
        one Dim object with those bounds."""
        if isinstance(node, dict):
            name = node.get("dim", node.get("derived"))
            if isinstance(name, str):
                lo, hi = self.ranges.get(name, (None, None))
                nlo, nhi = node.get("min"), node.get("max")
                self.ranges[name] = (lo if nlo is None else nlo, hi if nhi is None else nhi)
            for key in ("dict", "list", "tuple"):
                for item in node.get(key, []) if isinstance(node.get(key), list) else []:
                    if key == "dict" and isinstance(item, list) and len(item) == 2:
                        self.gather(item[1])
                    elif key != "dict":
                        self.gather(item)
        return node

    def dim(self, name, lo=None, hi=None):
        if not isinstance(name, str) or not re.match(r"^[A-Za-z_]\w*$", name):
            raise RequestError("bad_request", "dimension name %r is not a Python identifier" % (name,))
        glo, ghi = self.ranges.get(name, (None, None))
        lo = glo if lo is None else lo
        hi = ghi if hi is None else hi
        if name in self.dims:
            old = self.bounds[name]
            if (lo is not None and old[0] is not None and lo != old[0]) or \
               (hi is not None and old[1] is not None and hi != old[1]):
                raise RequestError("bad_request", "dimension %s has two different ranges: %s and %s"
                                   % (name, old, (lo, hi)))
            if (lo is None or lo == old[0]) and (hi is None or hi == old[1]):
                return self.dims[name]
            lo = old[0] if lo is None else lo
            hi = old[1] if hi is None else hi
        kw = {}
        if lo is not None:
            kw["min"] = lo
        if hi is not None:
            kw["max"] = hi
        try:
            d = torch.export.Dim(name, **kw)
        except Exception as e:
            raise RequestError("bad_request", "Dim(%r, %s) refused: %s"
                               % (name, ", ".join("%s=%s" % kv for kv in kw.items()), _last_line(e)))
        self.dims[name] = d
        self.bounds[name] = (lo, hi)
        return d

    def _int(self, v, what):
        if v is None:
            return None
        if isinstance(v, bool) or not isinstance(v, int):
            raise RequestError("bad_request", "%s must be an integer, not %r" % (what, v))
        return v

    def build(self, node, path="spec"):
        if node is None:
            return None
        if not isinstance(node, dict) or len(node) == 0:
            raise RequestError("bad_request", "%s: expected a typed value ({\"dict\"|\"list\"|\"tuple\"|"
                               "\"dim\"|\"hint\"|\"derived\"|\"int\": ...} or null), got %s"
                               % (path, _one_line(json.dumps(node), 80)))
        if "dict" in node:
            items = node["dict"]
            if not isinstance(items, list):
                raise RequestError("bad_request", "%s: \"dict\" must be a list of [key, value] pairs" % path)
            out = {}
            for pair in items:
                if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], (str, int))
                        and not isinstance(pair[0], bool)):
                    raise RequestError("bad_request", "%s: bad dict item %s" % (path, _one_line(json.dumps(pair), 80)))
                out[pair[0]] = self.build(pair[1], "%s[%r]" % (path, pair[0]))
            return out
        if "list" in node or "tuple" in node:
            kind = "list" if "list" in node else "tuple"
            items = node[kind]
            if not isinstance(items, list):
                raise RequestError("bad_request", "%s: \"%s\" must be a JSON array" % (path, kind))
            built = [self.build(v, "%s[%d]" % (path, i)) for i, v in enumerate(items)]
            return built if kind == "list" else tuple(built)
        if "dim" in node:
            return self.dim(node["dim"], self._int(node.get("min"), "min"), self._int(node.get("max"), "max"))
        if "hint" in node:
            name = node["hint"]
            hint = getattr(torch.export.Dim, str(name), None) if isinstance(name, str) else None
            if name not in ("AUTO", "DYNAMIC", "STATIC") or hint is None:
                raise RequestError("bad_request", "%s: hint %r is not one that torch %s has (AUTO, DYNAMIC, STATIC)"
                                   % (path, name, torch.__version__))
            lo, hi = self._int(node.get("min"), "min"), self._int(node.get("max"), "max")
            if lo is not None or hi is not None:
                kw = {}
                if lo is not None:
                    kw["min"] = lo
                if hi is not None:
                    kw["max"] = hi
                try:
                    hint = hint(**kw)
                except Exception as e:
                    raise RequestError("bad_request", "%s: Dim.%s(%s) is not supported by torch %s: %s"
                                       % (path, name, kw, torch.__version__, _last_line(e)))
            return hint
        if "derived" in node:
            base = self.dim(node["derived"], self._int(node.get("min"), "min"),
                            self._int(node.get("max"), "max"))
            mul = self._int(node.get("mul", 1), "mul")
            add = self._int(node.get("add", 0), "add")
            if mul is None or mul < 1:
                raise RequestError("bad_request", "%s: derived mul must be a positive integer" % path)
            out = base
            try:
                if mul != 1:
                    out = mul * out
                if add:
                    out = out + add
            except Exception as e:
                raise RequestError("bad_request", "%s: %d*%s + %d refused: %s"
                                   % (path, mul, node["derived"], add, _last_line(e)))
            return out
        if "int" in node:
            return self._int(node["int"], "int")
        raise RequestError("bad_request", "%s: unknown typed value %s" % (path, _one_line(json.dumps(node), 80)))


# ---------------------------------------------------------------------------
# After export: leaves


def _key_path_str(path):
    return pytree.keystr(path) if path else ""


def _sympy_bound(value):
    try:
        s = str(value)
        if "oo" in s or "inf" in s:
            return None
        v = int(value)
        return None if v >= 2 ** 62 else v
    except Exception:
        return None


def _dim_json(size, ranges):
    if isinstance(size, int):
        return {"int": int(size)}
    if isinstance(size, torch.SymInt):
        expr = size.node.expr
        try:
            const = int(expr) if getattr(expr, "is_number", False) else None
        except Exception:
            const = None
        if const is not None:
            return {"int": const}
        lo = hi = None
        vr = ranges.get(expr)
        if vr is None:
            try:
                from torch.utils._sympy.value_ranges import bound_sympy
                vr = bound_sympy(expr, ranges)
            except Exception:
                vr = None
        if vr is not None:
            lo, hi = _sympy_bound(vr.lower), _sympy_bound(vr.upper)
        return {"expr": str(expr), "min": lo, "max": hi}
    return {"const": repr(size)}


def _leaf_json(path, value, node, ranges):
    out = {"path": path, "input": node.name if node is not None else None}
    val = node.meta.get("val") if node is not None else None
    if isinstance(value, torch.Tensor):
        out["kind"] = "tensor"
        shape = val.shape if isinstance(val, torch.Tensor) else value.shape
        out["dims"] = [_dim_json(s, ranges) for s in shape]
    elif isinstance(value, bool):
        out["kind"] = "bool"
        out["value"] = {"const": value}
    elif isinstance(value, int):
        out["kind"] = "int"
        out["value"] = _dim_json(val if isinstance(val, (int, torch.SymInt)) else value, ranges)
    elif isinstance(value, float):
        out["kind"] = "float"
        out["value"] = {"const": value if value == value and abs(value) != float("inf") else str(value)}
    elif isinstance(value, str):
        out["kind"] = "str"
        out["value"] = {"const": value}
    else:
        out["kind"] = "other"
        out["value"] = {"const": _one_line(repr(value), 120)}
    return out


def _user_input_nodes(ep):
    """The placeholders of the user inputs, in the program's order (None for an input that has
    no placeholder)."""
    by_name = dict((n.name, n) for n in ep.graph.nodes if n.op == "placeholder")
    out = []
    try:
        from torch.export.graph_signature import InputKind
        for spec in ep.graph_signature.input_specs:
            if spec.kind == InputKind.USER_INPUT:
                out.append(by_name.get(getattr(spec.arg, "name", None)))
        return out
    except Exception:
        return [by_name.get(n) if isinstance(n, str) else None for n in ep.graph_signature.user_inputs]


def leaves_of(ep, call_args, call_kwargs, top_is_dict):
    """User inputs of ep in DimStudio's order (the flatten order of the inputs as given)."""
    ranges = dict(getattr(ep, "range_constraints", {}) or {})
    nodes = _user_input_nodes(ep)
    # The program's own order: (args, kwargs) as its in_spec sees them.
    kwargs_in_order = call_kwargs
    try:
        in_spec = ep.call_spec.in_spec
        if in_spec is not None and top_is_dict:
            from torch.export._tree_utils import reorder_kwargs
            kwargs_in_order = reorder_kwargs(call_kwargs, in_spec)
    except Exception:
        pass
    prog_flat, _ = pytree.tree_flatten_with_path((tuple(call_args), kwargs_in_order))
    by_path = {}
    for (path, value), node in zip(prog_flat, nodes):
        by_path[_key_path_str(path[1:])] = node
    mine = pytree.tree_flatten_with_path(call_kwargs if top_is_dict else tuple(call_args))[0]
    leaves = [_leaf_json(_key_path_str(p), v, by_path.get(_key_path_str(p)), ranges) for p, v in mine]
    note = None
    if len(prog_flat) != len(nodes):
        note = "the inputs flatten to %d leaves but the program has %d user inputs" % (len(prog_flat), len(nodes))
    return leaves, note


# ---------------------------------------------------------------------------
# Runs: exported program vs eager


def _tensors_of(obj, out, depth=0, seen=None):
    if seen is None:
        seen = set()
    if depth > 60:
        return out
    if isinstance(obj, torch.Tensor):
        out.append(obj)
        return out
    if isinstance(obj, (str, bytes, int, float, bool, type(None))):
        return out
    if id(obj) in seen:
        return out
    seen.add(id(obj))
    if isinstance(obj, dict):
        for v in obj.values():
            _tensors_of(v, out, depth + 1, seen)
        return out
    if isinstance(obj, (list, tuple)):
        for v in obj:
            _tensors_of(v, out, depth + 1, seen)
        return out
    d = getattr(obj, "__dict__", None)
    if isinstance(d, dict):
        if "layers" in d and isinstance(d["layers"], list):
            for layer in d["layers"]:
                fields = _layer_fields(layer)
                for f in fields:
                    _tensors_of(getattr(layer, f), out, depth + 1, seen)
            return out
        for k, v in d.items():
            if k.startswith("_"):
                continue
            _tensors_of(v, out, depth + 1, seen)
    return out


def _output_tensors(obj):
    """The tensors of an output, in the order of its flattening under the current
    registrations (a cache's frozen context is not compared); leaves that are objects pytree
    does not know are searched for tensors."""
    out = []
    for leaf in pytree.tree_leaves(obj):
        if isinstance(leaf, torch.Tensor):
            out.append(leaf)
        elif not isinstance(leaf, (str, bytes, int, float, bool, type(None))):
            _tensors_of(leaf, out)
    return out


def compare_outputs(expected, got):
    a = _output_tensors(expected)
    b = _output_tensors(got)
    if len(a) != len(b):
        return False, None, len(a), "eager gives %d output tensors, the exported program %d" % (len(a), len(b))
    worst = 0.0
    for i, (x, y) in enumerate(zip(a, b)):
        if tuple(x.shape) != tuple(y.shape):
            return False, None, len(a), "output %d: shape %s (eager) vs %s (exported)" % (
                i, list(x.shape), list(y.shape))
        if x.numel() == 0:
            continue
        if x.is_floating_point() or x.is_complex() or y.is_floating_point():
            xd, yd = x.detach().to(torch.float64), y.detach().to(torch.float64)
            both_nan = torch.isnan(xd) & torch.isnan(yd)
            diff = (xd - yd).abs()
            diff = torch.where(both_nan, torch.zeros_like(diff), diff)
            diff = torch.nan_to_num(diff, nan=float("inf"))
            d = float(diff.max())
        else:
            d = float((x.detach().to(torch.float64) - y.detach().to(torch.float64)).abs().max())
        worst = max(worst, d)
    ok = worst <= 1e-4
    return ok, worst, len(a), "" if ok else "max abs diff %.3g > 1e-4" % worst


def _call(fn, args, kwargs):
    with torch.no_grad():
        return fn(*args, **kwargs)


def _run_one(name, model, module, args, kwargs, unguarded=None):
    run = {"name": name, "ok": False, "max_abs_diff": None, "outputs": 0, "message": ""}
    try:
        expected = _call(model, copy.deepcopy(args), copy.deepcopy(kwargs))
    except Exception as e:
        traceback.print_exc()
        run["message"] = "eager model raised " + _last_line(e)
        return run
    try:
        got = _call(module, copy.deepcopy(args), copy.deepcopy(kwargs))
    except Exception as e:
        traceback.print_exc()
        run["message"] = "exported program raised " + _last_line(e)
        if isinstance(e, NameError) and "'L'" in str(e) and unguarded is not None:
            # torch 2.14 renders some guards with L[...] (seen when cache_position shares a Dim
            # with input_ids): the program cannot run as exported. Say what it computes anyway.
            try:
                got = _call(unguarded(), copy.deepcopy(args), copy.deepcopy(kwargs))
                ok, worst, n, msg = compare_outputs(expected, got)
                run["message"] += ("; its guard code is broken (a torch bug: give cache_position "
                                   "its own Dim); without guard checks: max abs diff %s"
                                   % ("%.3g" % worst if worst is not None else msg))
            except Exception as e2:
                run["message"] += "; without guard checks it raises " + _last_line(e2)
        return run
    try:
        ok, worst, n, msg = compare_outputs(expected, got)
    except Exception as e:
        traceback.print_exc()
        run["message"] = "comparing the outputs raised " + _last_line(e)
        return run
    if worst is not None and (worst != worst or worst == float("inf")):
        worst = None
        ok = False
    run.update(ok=ok, max_abs_diff=worst, outputs=n, message=msg)
    return run


def _grown_symbols(ranges, symbols):
    """Candidate new values for the program's symbols (each a dict symbol -> value).

    Every symbol moves by one (up when its range allows, else down). Sizes that were the sum of
    two other symbols in the example (an attention mask spanning cache + new tokens: torch guards
    mask >= cache + seq but cannot name the sum) follow that sum in the first candidate; the
    second candidate moves every symbol by one independently."""
    def step(sym, val):
        vr = ranges.get(sym)
        hi = _sympy_bound(vr.upper) if vr is not None else None
        lo = _sympy_bound(vr.lower) if vr is not None else 0
        if hi is None or val + 1 <= hi:
            return val + 1
        if lo is not None and val - 1 >= lo:
            return val - 1
        return val

    plain = dict((sym, step(sym, val)) for sym, val in symbols.items())
    order = sorted(symbols, key=lambda s: (symbols[s], str(s)))
    summed, sums = {}, {}
    for s in order:
        pair = None
        done = [x for x in order if x in summed and x != s]
        for i, a in enumerate(done):
            for b in done[i + 1:]:
                if symbols[a] + symbols[b] == symbols[s]:
                    pair = (a, b)
                    break
            if pair:
                break
        if pair:
            summed[s] = summed[pair[0]] + summed[pair[1]]
            sums[s] = pair
        else:
            summed[s] = plain[s]
    out = []
    if sums and summed != plain:
        out.append((summed, sums))
    out.append((plain, {}))
    return out


def _resize(t, dim, size):
    cur = t.shape[dim]
    if size == cur:
        return t
    if size < cur:
        return t.narrow(dim, 0, size).clone()
    if cur == 0:
        shape = list(t.shape)
        shape[dim] = size
        return torch.zeros(shape, dtype=t.dtype, device=t.device)
    reps = []
    while sum(x.shape[dim] for x in reps) + cur < size:
        need = size - cur - sum(x.shape[dim] for x in reps)
        reps.append(t.narrow(dim, cur - min(cur, need), min(cur, need)))
    return torch.cat([t] + reps, dim=dim)


def changed_inputs(ep, args, kwargs):
    """Copies of the inputs whose dynamic dimensions (the program's symbols) all move by one,
    every size following its expression (shared symbols move together): a list of
    (args, kwargs, description), best candidate first."""
    import sympy
    ranges = dict(getattr(ep, "range_constraints", {}) or {})
    nodes = _user_input_nodes(ep)
    flat, spec = pytree.tree_flatten((tuple(args), kwargs))
    if len(flat) != len(nodes):
        raise RuntimeError("the inputs flatten to %d leaves but the program has %d user inputs"
                           % (len(flat), len(nodes)))
    values = {}
    for leaf, node in zip(flat, nodes):
        val = node.meta.get("val") if node is not None else None
        if isinstance(leaf, torch.Tensor) and isinstance(val, torch.Tensor):
            for s, n in zip(val.shape, leaf.shape):
                if isinstance(s, torch.SymInt) and isinstance(s.node.expr, sympy.Symbol):
                    values[s.node.expr] = int(n)
        elif isinstance(leaf, int) and isinstance(val, torch.SymInt):
            if isinstance(val.node.expr, sympy.Symbol):
                values[val.node.expr] = int(leaf)
    out = []
    for new, sums in _grown_symbols(ranges, values):
        def size_of(s, old, new=new):
            if isinstance(s, torch.SymInt):
                try:
                    return int(s.node.expr.xreplace(dict((k, sympy.Integer(v)) for k, v in new.items())))
                except Exception:
                    return old
            return old

        leaves = []
        for leaf, node in zip(flat, nodes):
            val = node.meta.get("val") if node is not None else None
            if isinstance(leaf, torch.Tensor) and isinstance(val, torch.Tensor):
                t = leaf
                for dim, s in enumerate(val.shape):
                    t = _resize(t, dim, size_of(s, t.shape[dim]))
                leaves.append(t)
            elif isinstance(leaf, int) and isinstance(val, torch.SymInt):
                leaves.append(size_of(val, leaf))
            else:
                leaves.append(leaf)
        new_args, new_kwargs = pytree.tree_unflatten(leaves, spec)
        parts = [] if values else ["(no dynamic dimension to change)"]
        for sym in sorted(values, key=str):
            txt = "%s %d->%d" % (sym, values[sym], new[sym])
            if sym in sums:
                txt += " (%s + %s)" % sums[sym]
            parts.append(txt)
        out.append((list(new_args), new_kwargs, ", ".join(parts)))
    return out


def _unguarded_module(ep):
    """A factory of ep.module() without its input guards (torch 2.9+), or None."""
    import inspect
    try:
        if "check_guards" not in inspect.signature(ep.module).parameters:
            return None
    except (TypeError, ValueError):
        return None
    return lambda: ep.module(check_guards=False)


def _run_changed(model, module, ep, args, kwargs, unguarded=None):
    candidates = changed_inputs(ep, args, kwargs)
    first = None
    for cargs, ckwargs, desc in candidates:
        run = _run_one("changed_dims", model, module, cargs, ckwargs, unguarded)
        raised = run["message"].startswith(("eager model raised", "exported program raised"))
        run["message"] = ("sizes " + desc + ("; " + run["message"] if run["message"] else "")).strip()
        if not raised:
            return run
        if first is None:
            first = run
    return first


# ---------------------------------------------------------------------------
# verify


def _export_call_parts(inputs):
    """(args, kwargs, top_is_dict, single) for torch.export.export."""
    if isinstance(inputs, dict) and not _is_model_output(inputs):
        for k in inputs:
            if not isinstance(k, str):
                raise RequestError("bad_inputs", "the inputs dict has a non-string key %r: keyword "
                                   "arguments must be strings" % (k,))
        return [], dict(inputs), True, False
    if isinstance(inputs, (tuple, list)) and not hasattr(inputs, "_fields"):
        return list(inputs), {}, False, False
    return [inputs], {}, False, True


def _shape_spec_for_call(spec, top_is_dict, single):
    if spec is None:
        return None
    if top_is_dict:
        if not isinstance(spec, dict):
            raise RequestError("bad_request", "the inputs are a dict, so dynamic_shapes must be a "
                               "{\"dict\": ...} keyed by argument name")
        return spec
    if single:
        if isinstance(spec, tuple) and len(spec) == 1:
            return spec
        return (spec,)
    if isinstance(spec, (list, tuple)):
        return tuple(spec)
    raise RequestError("bad_request", "the inputs are positional, so dynamic_shapes must be a "
                       "{\"tuple\": ...} or {\"list\": ...}")


def verify(req, progress):
    t_start = time.perf_counter()
    timings = {}
    for field in ("inputs", "model", "layout"):
        if field not in req:
            raise RequestError("bad_request", "verify needs \"%s\"" % field)
    layout = req.get("layout")
    if layout not in ("transformers", "flat", "layers"):
        raise RequestError("bad_request", "layout must be transformers, flat or layers, not %r" % (layout,))
    allowed = req.get("allowed_classes") or []
    if not isinstance(allowed, list):
        raise RequestError("bad_request", "allowed_classes must be a list of names")
    trust = bool(req.get("trust_pickle", False))
    builder = _SpecBuilder()
    spec = builder.build(builder.gather(req.get("dynamic_shapes")), "dynamic_shapes")

    mspec = req.get("model")
    if isinstance(mspec, dict) and isinstance(mspec.get("callable"), str) and ":" in mspec["callable"]:
        # Classes pickled next to the model (trust_pickle) import from the model's folder.
        folder = os.path.dirname(os.path.abspath(mspec["callable"].rsplit(":", 1)[0]))
        if folder not in sys.path:
            sys.path.insert(0, folder)

    t = time.perf_counter()
    progress("loading %s" % os.path.basename(str(req["inputs"])))
    inputs = load_inputs(req["inputs"], allowed, trust)
    other = None
    if req.get("other_inputs"):
        other = load_inputs(req["other_inputs"], allowed, trust)
    notes = []
    if req.get("contiguous", True):
        inputs, changed = make_contiguous(inputs)
        if changed:
            notes.append("made contiguous (views into a larger storage): " + ", ".join(changed[:8])
                         + (" and %d more" % (len(changed) - 8) if len(changed) > 8 else ""))
        if other is not None:
            other = make_contiguous(other)[0]
    timings["load_inputs"] = time.perf_counter() - t

    t = time.perf_counter()
    model, cached = get_model(req["model"], progress)
    timings["model"] = time.perf_counter() - t

    t = time.perf_counter()
    registrations = register_for(inputs if other is None else [inputs, other], layout)
    timings["register"] = time.perf_counter() - t

    args, kwargs, top_is_dict, single = _export_call_parts(inputs)
    ds = _shape_spec_for_call(spec, top_is_dict, single)

    result = {"status": None, "registrations": registrations, "model_cached": cached}
    if notes:
        result["notes"] = notes
    progress("exporting (torch %s, layout %s)" % (torch.__version__, layout))
    t = time.perf_counter()
    try:
        # On a copy: tracing may update caches in place, and the runs need the inputs as loaded.
        ep = torch.export.export(model, args=copy.deepcopy(tuple(args)), kwargs=copy.deepcopy(kwargs),
                                 dynamic_shapes=ds, strict=False)
    except Exception as e:
        timings["export"] = time.perf_counter() - t
        traceback.print_exc()
        result["status"] = "refused"
        result["export_seconds"] = round(timings["export"], 3)
        result["error"] = {"type": type(e).__name__, "message": str(e) or repr(e)}
        timings["total"] = time.perf_counter() - t_start
        result["timings"] = {k: round(v, 3) for k, v in timings.items()}
        return result
    timings["export"] = time.perf_counter() - t
    result["status"] = "exported"
    result["export_seconds"] = round(timings["export"], 3)

    t = time.perf_counter()
    leaves, note = leaves_of(ep, args, kwargs, top_is_dict)
    result["leaves"] = leaves
    if note:
        result.setdefault("notes", []).append(note)
    timings["leaves"] = time.perf_counter() - t

    if other is not None or req.get("change_dims", False):
        t = time.perf_counter()
        runs = []
        try:
            module = ep.module()
        except Exception as e:
            traceback.print_exc()
            module = None
            runs.append({"name": "inputs", "ok": False, "max_abs_diff": None, "outputs": 0,
                         "message": "ep.module() raised " + _last_line(e)})
        unguarded = _unguarded_module(ep)
        if module is not None:
            progress("running the exported program and eager on the inputs")
            runs.append(_run_one("inputs", model, module, args, kwargs, unguarded))
            if other is not None:
                progress("running on other_inputs")
                oargs, okwargs, _, _ = _export_call_parts(other)
                runs.append(_run_one("other_inputs", model, module, oargs, okwargs, unguarded))
        if module is not None and req.get("change_dims", False):
            progress("running on the inputs with every dynamic dimension changed by one")
            try:
                runs.append(_run_changed(model, module, ep, args, kwargs, unguarded))
            except Exception as e:
                traceback.print_exc()
                runs.append({"name": "changed_dims", "ok": False, "max_abs_diff": None,
                             "outputs": 0, "message": "cannot change the dimensions: " + _last_line(e)})
        result["runs"] = runs
        timings["runs"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - t_start
    result["timings"] = {k: round(v, 3) for k, v in timings.items()}
    return result


# ---------------------------------------------------------------------------
# The loop


def _handle(req):
    rid = req.get("id")
    cmd = req.get("cmd")

    def progress(message):
        _send({"id": rid, "event": "progress", "message": _one_line(message)})

    if cmd == "quit":
        return "quit"
    if cmd == "verify":
        result = verify(req, progress)
        out = {"id": rid, "event": "result"}
        out.update(result)
        _send(_json_safe(out))
        return None
    raise RequestError("bad_request", "unknown cmd %r (verify or quit)" % (cmd,))


def _json_safe(obj):
    if isinstance(obj, float):
        return obj if obj == obj and obj not in (float("inf"), float("-inf")) else None
    if isinstance(obj, dict):
        return {k: _json_safe(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_json_safe(v) for v in obj]
    return obj


def main():
    _send({"event": "ready", "protocol": PROTOCOL, "python": platform.python_version(),
           "torch": str(torch.__version__), "transformers": TRANSFORMERS_VERSION, "pid": os.getpid()})
    while True:
        line = _IN.readline()
        if not line:
            return 0  # DimStudio closed the pipe
        line = line.strip()
        if not line:
            continue
        rid = None
        try:
            try:
                req = json.loads(line.decode("utf-8"))
            except Exception as e:
                raise RequestError("bad_request", "not a JSON line: %s" % _last_line(e))
            if not isinstance(req, dict):
                raise RequestError("bad_request", "a request must be a JSON object")
            rid = req.get("id")
            if not isinstance(rid, int) or isinstance(rid, bool):
                rid = None
                raise RequestError("bad_request", "a request needs an integer \"id\"")
            if _handle(req) == "quit":
                return 0
        except RequestError as e:
            out = {"id": rid, "event": "error", "code": e.code, "message": e.message}
            out.update(e.extra)
            _send(out)
        except (Exception, SystemExit) as e:
            traceback.print_exc()
            _send({"id": rid, "event": "error", "code": "internal",
                   "message": _one_line("runner bug: " + _last_line(e))})


if __name__ == "__main__":
    sys.exit(main())
