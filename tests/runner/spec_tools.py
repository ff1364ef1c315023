"""Specs for the runner tests, in the typed JSON of docs/runner-protocol.md.

- spec_tree(): the structure DimStudio's spec has in a layout (it mirrors the
  runner's pytree registrations: see the protocol's "Cache layouts" tables);
- semantic_guess(): dims that differ between two input sets, named like
  DimStudio's --names semantic (core/analysis/SemanticNames.h);
- all_dynamic(): every dimension of every tensor dynamic, named d_i_j;
- apply_fixes(): applies torch's "Suggested fixes:" block to a typed spec.
The first three work on loaded values (torch needed), duck-typing transformers'
classes; the rest is plain Python (the test driver needs no torch).
"""

import re

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

# Leaves: ("tensor", value, role) or ("int", value, role); role says where it is.


def _is_model_output(v):
    return isinstance(v, dict) and type(v).__module__.startswith("transformers.")


def _layer_fields(layer):
    name = type(layer).__name__
    for k in type(layer).__mro__:
        if k.__name__ in LAYER_CHILDREN:
            name = k.__name__
            break
    names = LAYER_CHILDREN.get(name, ("keys", "values"))
    d = vars(layer)
    if d.get(names[0]) is None:
        return ()
    return tuple(n for n in names if d.get(n) is not None)


def spec_tree(value, layout, leaf_fn):
    """Mirrors value in the layout; leaf_fn(kind, leaf, role) gives each leaf's spec."""
    import torch
    if isinstance(value, torch.Tensor):
        return leaf_fn("tensor", value, "")
    if isinstance(value, bool) or value is None or isinstance(value, (float, str)):
        return None
    if isinstance(value, int):
        return None  # a top-level int: static
    if isinstance(value, dict) and not _is_model_output(value):
        return {"dict": [[k, spec_tree(v, layout, leaf_fn)] for k, v in value.items()]}
    if _is_model_output(value):
        return {"list": [spec_tree(v, layout, leaf_fn) for v in value.values()]}
    if isinstance(value, (list, tuple)):
        kind = "list" if isinstance(value, list) else "tuple"
        return {kind: [spec_tree(v, layout, leaf_fn) for v in value]}
    d = getattr(value, "__dict__", {})
    if "self_attention_cache" in d:
        return {"list": [spec_tree(d["self_attention_cache"], layout, leaf_fn),
                         spec_tree(d["cross_attention_cache"], layout, leaf_fn)]}
    if "layers" in d:
        layers = d["layers"]
        if layout == "layers":
            out = []
            for layer in layers:
                kids = []
                for f in _layer_fields(layer):
                    v = getattr(layer, f)
                    if isinstance(v, torch.Tensor):
                        kids.append(leaf_fn("tensor", v, "cache:" + f))
                    else:
                        kids.append(leaf_fn("int", v, "cache:" + f))
                out.append({"list": kids})
            return {"list": out}
        kv = [(l.keys, l.values) for l in layers
              if isinstance(getattr(l, "keys", None), torch.Tensor)]
        if layout == "transformers":
            return {"list": [{"list": [leaf_fn("tensor", k, "cache:keys") for k, _ in kv]},
                             {"list": [leaf_fn("tensor", v, "cache:values") for _, v in kv]}]}
        flat = []
        for k, v in kv:
            flat += [leaf_fn("tensor", k, "cache:keys"), leaf_fn("tensor", v, "cache:values")]
        return {"list": flat}
    raise TypeError("no spec for %s" % type(value).__name__)


def leaves(value, layout):
    """The leaves torch sees, in order: tensors and ints inside caches as spec_tree visits them,
    plus the constants at the top (a bool, int, float or str argument is a program input too;
    None is not a leaf)."""
    out = []

    def fn(kind, leaf, role):
        out.append((kind, leaf, role))
        return None

    def walk(v):
        if isinstance(v, (bool, int, float, str)):
            out.append(("const", v, ""))
        elif isinstance(v, dict) and not _is_model_output(v):
            for x in v.values():
                walk(x)
        elif isinstance(v, (list, tuple)):
            for x in v:
                walk(x)
        elif v is not None:
            spec_tree(v, layout, fn)
    walk(value)
    return out


def semantic_guess(a, b, layout):
    """The semantic guess: dims whose size differs between a and b, named by role."""
    la = [l for l in leaves(a, layout) if l[0] != "const"]
    lb = [l for l in leaves(b, layout) if l[0] != "const"]
    if len(la) != len(lb):
        raise ValueError("the two input sets flatten to %d and %d leaves" % (len(la), len(lb)))
    # signature -> name, in order of first appearance
    groups = []  # [signature, role_name]
    per_leaf = []
    for (kind, x, role), (_, y, _) in zip(la, lb):
        if kind == "int":
            per_leaf.append("DYN" if x != y else None)
            continue
        dims = {}
        for i, (sx, sy) in enumerate(zip(x.shape, y.shape)):
            if sx != sy or sx == 0:
                sig = (sx, sy)
                if role.startswith("cache:") and role[6:] in ("keys", "values") and i == x.dim() - 2:
                    r = "cache"
                elif i == 0 and x.dim() >= 2:
                    r = "batch"
                elif not role.startswith("cache:"):
                    r = "seq"
                else:
                    r = "dim"
                dims[i] = (sig, r)
                for g in groups:
                    if g[0] == sig:
                        g.append(r)
                        break
                else:
                    groups.append([sig, r])
        per_leaf.append(dims)
    order = ["batch", "cache", "seq", "dim"]
    names = {}
    taken = set()
    for g in groups:
        roles = g[1:]
        role = min(roles, key=order.index)
        name = role
        k = 1
        while name in taken:
            name = "%s_%d" % (role, k)
            k += 1
        taken.add(name)
        names[g[0]] = name
    it = iter(per_leaf)

    def fn(kind, leaf, role):
        d = next(it)
        if kind == "int":
            return {"hint": "DYNAMIC"} if d else None
        return {"dict": [[i, {"dim": names[sig]}] for i, (sig, _) in sorted(d.items())]}
    return spec_tree(a, layout, fn)


def all_dynamic(a, layout):
    counter = [0]

    def fn(kind, leaf, role):
        i = counter[0]
        counter[0] += 1
        if kind == "int":
            return {"hint": "DYNAMIC"}
        return {"dict": [[j, {"dim": "d_%d_%d" % (i, j)}] for j in range(leaf.dim())]}
    return spec_tree(a, layout, fn)


_FIX = re.compile(r"^\s*([A-Za-z_]\w*)\s*=\s*(.+?)\s*$")


def parse_fixes(message):
    """torch's 'Suggested fixes:' lines -> {name: replacement typed dim} (None if no block)."""
    if "Suggested fixes:" not in message:
        return None
    block = message.split("Suggested fixes:", 1)[1]
    fixes = {}
    for line in block.splitlines():
        if not line.strip():
            if fixes:
                break
            continue
        m = _FIX.match(line)
        if not m:
            break
        name, rhs = m.group(1), m.group(2)
        mm = re.match(r"^Dim\(\s*'(\w+)'\s*(.*)\)$", rhs)
        if mm:
            out = {"dim": mm.group(1)}
            for kv in re.findall(r"(min|max)\s*=\s*(-?\d+)", mm.group(2)):
                out[kv[0]] = int(kv[1])
            fixes[name] = out
            continue
        if re.match(r"^-?\d+$", rhs):
            fixes[name] = {"int": int(rhs)}
            continue
        if re.match(r"^[A-Za-z_]\w*$", rhs):
            fixes[name] = {"dim": rhs}
            continue
        mm = re.match(r"^(?:(\d+)\s*\*\s*)?([A-Za-z_]\w*)(?:\s*([+-])\s*(\d+))?$", rhs)
        if mm:
            add = int(mm.group(4) or 0) * (-1 if mm.group(3) == "-" else 1)
            fixes[name] = {"derived": mm.group(2), "mul": int(mm.group(1) or 1), "add": add}
            continue
        raise ValueError("unparsed fix: %r" % line)
    return fixes


def apply_fixes(spec, fixes):
    """Replaces every dim named in fixes; a renamed dim takes the target's bounds if fixed too."""
    resolved = {}
    for name, rep in fixes.items():
        # chase "a = b" where b itself gets a Dim(...) fix
        seen = set()
        while "dim" in rep and rep["dim"] in fixes and rep["dim"] != name and rep["dim"] not in seen \
                and len(rep) == 1:
            seen.add(rep["dim"])
            rep = fixes[rep["dim"]]
        resolved[name] = rep

    def walk(node):
        if node is None:
            return None
        if "dict" in node:
            return {"dict": [[k, walk(v)] for k, v in node["dict"]]}
        for kind in ("list", "tuple"):
            if kind in node:
                return {kind: [walk(v) for v in node[kind]]}
        if "dim" in node and node["dim"] in resolved:
            rep = dict(resolved[node["dim"]])
            if "dim" in rep and len(rep) == 1:
                # keep bounds from another occurrence of the target name, if any
                return rep
            return rep
        if "derived" in node and node["derived"] in resolved and "dim" in resolved[node["derived"]]:
            out = dict(node)
            out["derived"] = resolved[node["derived"]]["dim"]
            return out
        return node

    spec = walk(spec)
    # a name that now appears with bounds somewhere must carry them everywhere
    bounds = {}

    def collect(node):
        if node is None:
            return
        if "dict" in node:
            for _, v in node["dict"]:
                collect(v)
        for kind in ("list", "tuple"):
            if kind in node:
                for v in node[kind]:
                    collect(v)
        if "dim" in node and ("min" in node or "max" in node):
            bounds[node["dim"]] = {k: node[k] for k in ("min", "max") if k in node}

    collect(spec)

    def unify(node):
        if node is None:
            return None
        if "dict" in node:
            return {"dict": [[k, unify(v)] for k, v in node["dict"]]}
        for kind in ("list", "tuple"):
            if kind in node:
                return {kind: [unify(v) for v in node[kind]]}
        if "dim" in node and node["dim"] in bounds:
            out = {"dim": node["dim"]}
            out.update(bounds[node["dim"]])
            return out
        return node
    return unify(spec)


def count_dims(spec):
    """(named dims, hints, ints) in a typed spec."""
    c = {"dim": 0, "hint": 0, "int": 0, "derived": 0}

    def walk(node):
        if node is None:
            return
        if "dict" in node:
            for _, v in node["dict"]:
                walk(v)
            return
        for kind in ("list", "tuple"):
            if kind in node:
                for v in node[kind]:
                    walk(v)
                return
        for k in c:
            if k in node:
                c[k] += 1
    walk(spec)
    return c
