"""Models and inputs without transformers, for the runner tests (torch 2.5+ only).

    python toy_models.py OUTDIR     writes the input files the tests use

Model callables (the runner calls them with no argument):
- make_toy: forward(x, mask, offset): x (batch, seq, 8), mask (batch, seq), an int offset;
- make_boxed: forward(box): box is a Box (a user class: weights_only refuses it), its
  tensor `x` of shape (batch, 8);
- make_positional: forward(x, y): two positional tensors (batch, 8) and (batch, 4);
- make_cached: forward(x, past_key_values): a toy attention step over a cache shaped like
  transformers 5's DynamicCache (toy_models.DynamicCache of toy_models.DynamicLayer), which
  the runner registers by duck typing (so the layouts can be tested without transformers);
- make_derived: forward(x, y): x (batch, n), y (batch, 2n+1), a derived dimension;
- make_broken: raises while building;
- make_noisy: prints to stdout while building and running (must not break the protocol).
"""

import os
import sys

import torch


class Toy(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = torch.nn.Linear(8, 4)

    def forward(self, x, mask, offset=0):
        h = self.lin(x) * mask.unsqueeze(-1).to(x.dtype)
        return {"y": h + offset, "total": h.sum(dim=1)}


class Box(object):
    def __init__(self, x):
        self.x = x


class Boxed(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = torch.nn.Linear(8, 3)

    def forward(self, box):
        return self.lin(box.x)


class DynamicLayer(object):
    """Shaped like transformers 5's DynamicLayer (the runner recognises layers by class name)."""

    def __init__(self, keys, values):
        self.keys, self.values = keys, values
        self.is_initialized = True
        self.dtype, self.device = keys.dtype, keys.device


class DynamicCache(object):
    """Shaped like transformers 5's DynamicCache: a list of layers."""

    def __init__(self, layers):
        self.layers = layers
        self.layer_class_to_replicate = None
        self.offloading = False


class Cached(torch.nn.Module):
    """A toy attention step over a DynamicCache-like cache: (batch, heads, seq, dim) per layer."""

    def __init__(self):
        super().__init__()
        self.q = torch.nn.Linear(8, 8)
        self.k = torch.nn.Linear(8, 8)

    def forward(self, x, past_key_values):
        out = x
        for layer in past_key_values.layers:
            k = self.k(out).unsqueeze(1)
            layer.keys = torch.cat([layer.keys, k], dim=2)
            layer.values = torch.cat([layer.values, k * 2], dim=2)
            att = torch.softmax(self.q(out).unsqueeze(1) @ layer.keys.transpose(-1, -2), dim=-1)
            out = out + (att @ layer.values).squeeze(1)
        return {"y": out, "past_key_values": past_key_values}


class Positional(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.a = torch.nn.Linear(8, 4)

    def forward(self, x, y):
        return self.a(x) + y


class Derived(torch.nn.Module):
    """y's length is 2 * x's + 1: a derived dimension."""

    def forward(self, x, y):
        return torch.cat([x, x, x[:, :1]], dim=1) * y


class Noisy(Toy):
    def forward(self, x, mask, offset=0):
        print("noisy forward: this goes to stdout")
        os.write(1, b"noisy forward: raw write to fd 1\n")
        return Toy.forward(self, x, mask, offset)


def make_toy():
    return Toy()


def make_boxed():
    return Boxed()


def make_positional():
    return Positional()


def make_cached():
    return Cached()


def make_derived():
    return Derived()


def make_broken():
    raise RuntimeError("this model cannot be built")


def make_noisy():
    print("building a noisy model (stdout)")
    return Noisy()


def write_inputs(outdir):
    os.makedirs(outdir, exist_ok=True)
    g = torch.Generator().manual_seed(0)
    torch.save({"x": torch.randn(2, 5, 8, generator=g), "mask": torch.ones(2, 5), "offset": 3},
               os.path.join(outdir, "toy_a.pt"))
    torch.save({"x": torch.randn(3, 7, 8, generator=g), "mask": torch.ones(3, 7), "offset": 3},
               os.path.join(outdir, "toy_b.pt"))
    big = torch.randn(2, 9, 8, generator=g)  # saved as a view: stride (72, 8, 1), offset 32
    torch.save({"x": big[:, 4:], "mask": torch.ones(2, 9)[:, 4:], "offset": 3},
               os.path.join(outdir, "view_a.pt"))
    torch.save({"box": Box(torch.randn(2, 8, generator=g))}, os.path.join(outdir, "boxed_a.pt"))
    for name, batch, past, seq in (("cached_a.pt", 2, 6, 3), ("cached_b.pt", 3, 9, 4)):
        cache = DynamicCache([DynamicLayer(torch.randn(batch, 1, past, 8, generator=g),
                                           torch.randn(batch, 1, past, 8, generator=g))
                              for _ in range(2)])
        torch.save({"x": torch.randn(batch, seq, 8, generator=g), "past_key_values": cache},
                   os.path.join(outdir, name))
    torch.save((torch.randn(2, 8, generator=g), torch.randn(2, 4, generator=g)),
               os.path.join(outdir, "positional_a.pt"))
    torch.save({"x": torch.randn(2, 5, generator=g), "y": torch.randn(2, 11, generator=g)},
               os.path.join(outdir, "derived_a.pt"))
    torch.save({"x": torch.randn(3, 7, generator=g), "y": torch.randn(3, 15, generator=g)},
               os.path.join(outdir, "derived_b.pt"))
    torch.save((torch.randn(5, 8, generator=g), torch.randn(5, 4, generator=g)),
               os.path.join(outdir, "positional_b.pt"))


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import toy_models  # pickle the classes under their importable module name
    toy_models.write_inputs(sys.argv[1])
