"""Makes small model configs and two input sets per family for the runner tests.

    python make_inputs.py OUTDIR [FAMILY...]
    python make_inputs.py --specs SRCDIR OUTDIR   specs only, for existing inputs_a/b.pt

For each family: OUTDIR/FAMILY/config.json (architectures[0] names the class;
random weights), inputs_a.pt and inputs_b.pt (the keyword arguments of one
decoding step after a prefix, saved with torch.save; set b differs from set a
in batch, cache length and new tokens), classes.txt (the classes the files
hold, one per line, as DimStudio would list them for allowed_classes),
guess_LAYOUT.json (the "semantic guess": dims that differ between a and b,
named), alldyn_LAYOUT.json (every dim dynamic, d_i_j) and leaves_LAYOUT.json
(the expected flattening: kind, shape or value, role) for each layout.

Runs in the reference environment (torch 2.14 + transformers 5.12); families
whose transformers classes are missing are skipped with a message.
"""

import json
import os
import sys

import torch

VOCAB = 1000


def _decoder_config(name):
    import transformers as tr
    common = dict(vocab_size=VOCAB, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                  num_attention_heads=4, num_key_value_heads=2)
    if name in ("llama", "llama_static"):
        return tr.LlamaConfig(**common), tr.LlamaForCausalLM
    if name == "qwen2":
        return tr.Qwen2Config(**common), tr.Qwen2ForCausalLM
    if name == "qwen3":
        return tr.Qwen3Config(head_dim=16, **common), tr.Qwen3ForCausalLM
    if name == "phi3":
        return tr.Phi3Config(pad_token_id=0, bos_token_id=1, eos_token_id=2, **common), tr.Phi3ForCausalLM
    if name == "mistral":
        return tr.MistralConfig(sliding_window=None, **common), tr.MistralForCausalLM
    if name == "gpt2":
        return tr.GPT2Config(vocab_size=VOCAB, n_embd=64, n_layer=2, n_head=4, n_positions=256,
                             bos_token_id=1, eos_token_id=2), \
            tr.GPT2LMHeadModel
    if name in ("gemma2", "gemma2_static"):
        return tr.Gemma2Config(head_dim=16, query_pre_attn_scalar=16, sliding_window=16,
                               **common), tr.Gemma2ForCausalLM
    if name == "gemma3":
        return tr.Gemma3TextConfig(head_dim=16, query_pre_attn_scalar=16, sliding_window=16,
                                   sliding_window_pattern=2, **common), tr.Gemma3ForCausalLM
    raise KeyError(name)


def _step_inputs(batch, past, seq, cache, with_position_ids=True):
    g = torch.Generator().manual_seed(batch * 1000 + past * 10 + seq)
    out = {"input_ids": torch.randint(0, VOCAB, (batch, seq), generator=g),
           "attention_mask": torch.ones(batch, past + seq, dtype=torch.long)}
    if with_position_ids:
        out["position_ids"] = torch.arange(past, past + seq).unsqueeze(0).expand(batch, -1).contiguous()
    out["past_key_values"] = cache
    return out


def _prefill(model, batch, past, cache=None, key="past_key_values"):
    g = torch.Generator().manual_seed(7 + batch * 100 + past)
    ids = torch.randint(0, VOCAB, (batch, past), generator=g)
    kw = {"input_ids": ids, "use_cache": True}
    if cache is not None:
        kw[key] = cache
    with torch.no_grad():
        out = model(**kw)
    return out[key] if key in out else out.past_key_values


def make_decoder(name, sizes):
    import transformers as tr
    config, cls = _decoder_config(name)
    config.architectures = [cls.__name__]
    torch.manual_seed(0)
    model = cls(config).eval()
    sets = []
    for batch, past, seq in sizes:
        if name.endswith("_static"):
            cache = tr.StaticCache(config=config, max_cache_len=64)
            cache = _prefill(model, batch, past, cache)
        else:
            cache = _prefill(model, batch, past)
        sets.append(_step_inputs(batch, past, seq, cache, with_position_ids=(name != "gpt2")))
    return config, sets


def make_mamba(name, sizes):
    import transformers as tr
    if name == "mamba":
        config = tr.MambaConfig(vocab_size=VOCAB, hidden_size=64, state_size=8, num_hidden_layers=2,
                                expand=2, conv_kernel=4, use_mambapy=False)
        cls = tr.MambaForCausalLM
    else:
        config = tr.JambaConfig(vocab_size=VOCAB, hidden_size=64, intermediate_size=128,
                                num_hidden_layers=4, num_attention_heads=4, num_key_value_heads=2,
                                num_experts=2, num_experts_per_tok=1, expert_layer_period=2,
                                expert_layer_offset=1, attn_layer_period=2, attn_layer_offset=1,
                                mamba_d_state=8, mamba_d_conv=4, mamba_expand=2,
                                use_mamba_kernels=False)
        cls = tr.JambaForCausalLM
    config.architectures = [cls.__name__]
    torch.manual_seed(0)
    model = cls(config).eval()
    key = "cache_params" if name == "mamba" else "past_key_values"
    sets = []
    for batch, past, seq in sizes:
        cache = _prefill(model, batch, past, key=key)
        # A recurrent layer that has a previous state decodes one token at a time.
        seq = 1
        g = torch.Generator().manual_seed(batch * 1000 + past)
        inp = {"input_ids": torch.randint(0, VOCAB, (batch, seq), generator=g)}
        if name == "jamba":  # Mamba's mask covers the new tokens only: leave it out
            inp["attention_mask"] = torch.ones(batch, past + seq, dtype=torch.long)
        inp[key] = cache
        if name == "mamba":
            inp["use_cache"] = True
        sets.append(inp)
    return config, sets


def make_seq2seq(name, sizes):
    import transformers as tr
    if name == "t5":
        config = tr.T5Config(vocab_size=VOCAB, d_model=64, d_kv=16, d_ff=128, num_layers=2,
                             num_decoder_layers=2, num_heads=4, decoder_start_token_id=0)
        cls = tr.T5ForConditionalGeneration
    elif name == "bart":
        config = tr.BartConfig(vocab_size=VOCAB, d_model=64, encoder_layers=2, decoder_layers=2,
                               encoder_attention_heads=4, decoder_attention_heads=4,
                               encoder_ffn_dim=128, decoder_ffn_dim=128, max_position_embeddings=256)
        cls = tr.BartForConditionalGeneration
    else:
        config = tr.WhisperConfig(vocab_size=VOCAB, num_mel_bins=16, d_model=64, encoder_layers=2,
                                  decoder_layers=2, encoder_attention_heads=4,
                                  decoder_attention_heads=4, encoder_ffn_dim=128,
                                  decoder_ffn_dim=128, max_source_positions=32,
                                  max_target_positions=128, pad_token_id=0, bos_token_id=1,
                                  eos_token_id=2, decoder_start_token_id=1,
                                  begin_suppress_tokens=None, suppress_tokens=None)
        cls = tr.WhisperForConditionalGeneration
    config.architectures = [cls.__name__]
    torch.manual_seed(0)
    model = cls(config).eval()
    sets = []
    for batch, past, seq in sizes:
        enc_len = 12 + past % 7
        g = torch.Generator().manual_seed(batch * 1000 + past)
        if name == "whisper":
            feats = torch.randn(batch, 16, 64, generator=g)
            with torch.no_grad():
                enc = model.model.encoder(input_features=feats)
            dec = torch.randint(0, VOCAB, (batch, past), generator=g)
            with torch.no_grad():
                out = model(encoder_outputs=enc, decoder_input_ids=dec, use_cache=True)
            sets.append({"encoder_outputs": enc,
                         "decoder_input_ids": torch.randint(0, VOCAB, (batch, seq), generator=g),
                         "past_key_values": out.past_key_values})
            continue
        ids = torch.randint(0, VOCAB, (batch, enc_len), generator=g)
        mask = torch.ones(batch, enc_len, dtype=torch.long)
        dec = torch.randint(0, VOCAB, (batch, past), generator=g)
        with torch.no_grad():
            out = model(input_ids=ids, attention_mask=mask, decoder_input_ids=dec, use_cache=True)
        sets.append({"input_ids": ids, "attention_mask": mask,
                     "decoder_input_ids": torch.randint(0, VOCAB, (batch, seq), generator=g),
                     "past_key_values": out.past_key_values})
    return config, sets


DECODERS = ["llama", "qwen2", "qwen3", "phi3", "gpt2", "mistral", "gemma2", "gemma3",
            "llama_static", "gemma2_static"]
FAMILIES = DECODERS + ["mamba", "jamba", "t5", "bart", "whisper"]
ARCH = {}


def make(name):
    sizes = [(2, 30, 3), (3, 31, 4)]
    if name in DECODERS:
        return make_decoder(name, sizes)
    if name in ("mamba", "jamba"):
        return make_mamba(name, sizes)
    return make_seq2seq(name, sizes)


def classes_of(obj, out):
    """Fully qualified names of the non-builtin classes a value holds (for allowed_classes)."""
    if isinstance(obj, torch.Tensor) or obj is None or isinstance(obj, (int, float, str, bool)):
        return out
    t = type(obj)
    if t not in (dict, list, tuple) and t.__module__ != "torch":
        out.add("%s.%s" % (t.__module__, t.__qualname__))
    if isinstance(obj, dict):
        for v in obj.values():
            classes_of(v, out)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            classes_of(v, out)
    elif hasattr(obj, "__dict__"):
        for v in vars(obj).values():
            if isinstance(v, type) and v.__module__ != "torch":
                out.add("%s.%s" % (v.__module__, v.__qualname__))
            else:
                classes_of(v, out)
    return out


LAYOUTS = ("transformers", "flat", "layers")


def write_specs(src, dst):
    """dst/guess_LAYOUT.json and dst/alldyn_LAYOUT.json for the input sets in src."""
    import spec_tools
    a = torch.load(os.path.join(src, "inputs_a.pt"), weights_only=False)
    b = torch.load(os.path.join(src, "inputs_b.pt"), weights_only=False)
    os.makedirs(dst, exist_ok=True)
    for layout in LAYOUTS:
        for kind, spec in (("guess", spec_tools.semantic_guess(a, b, layout)),
                           ("alldyn", spec_tools.all_dynamic(a, layout))):
            with open(os.path.join(dst, "%s_%s.json" % (kind, layout)), "w") as f:
                json.dump(spec, f)
        with open(os.path.join(dst, "leaves_%s.json" % layout), "w") as f:
            json.dump([[kind, list(v.shape) if kind == "tensor" else v, role]
                       for kind, v, role in spec_tools.leaves(a, layout)], f)


def main(argv):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    if len(argv) == 4 and argv[1] == "--specs":
        write_specs(argv[2], argv[3])
        return
    outdir = argv[1]
    names = argv[2:] or FAMILIES
    for name in names:
        try:
            config, sets = make(name)
        except Exception as e:  # a family transformers does not have
            print("%s: skipped (%s: %s)" % (name, type(e).__name__, str(e).splitlines()[0] if str(e) else ""))
            continue
        d = os.path.join(outdir, name)
        os.makedirs(d, exist_ok=True)
        config.to_json_file(os.path.join(d, "config.json"))
        torch.save(sets[0], os.path.join(d, "inputs_a.pt"))
        torch.save(sets[1], os.path.join(d, "inputs_b.pt"))
        names_ = sorted(classes_of(sets[0], set()) | classes_of(sets[1], set()))
        with open(os.path.join(d, "classes.txt"), "w") as f:
            f.write("\n".join(names_) + "\n")
        write_specs(d, d)
        print("%s: %s" % (name, ", ".join(n.rsplit(".", 1)[1] for n in names_)))


if __name__ == "__main__":
    main(sys.argv)
