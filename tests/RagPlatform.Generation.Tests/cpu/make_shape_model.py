"""Writes a random fp16 checkpoint of the Qwen2.5-0.5B shape (config.json, model.safetensors, a word-level
tokenizer.json) with the Python standard library alone, for CPU decode speed on machines without torch or numpy.
Weights repeat one block of 1M seeded random values: decode speed does not depend on them.
usage: python3 make_shape_model.py OUT_DIR"""
import json, os, random, struct, sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
H, I, L, NH, KV, V = 896, 4864, 24, 14, 2, 151936
D = H // NH
cfg = dict(architectures=["Qwen2ForCausalLM"], model_type="qwen2", hidden_size=H, intermediate_size=I, num_hidden_layers=L,
           num_attention_heads=NH, num_key_value_heads=KV, rms_norm_eps=1e-6, rope_theta=1000000.0, vocab_size=V,
           tie_word_embeddings=True, max_position_embeddings=1048576, bos_token_id=0, eos_token_id=1, torch_dtype="float16")
json.dump(cfg, open(os.path.join(out, "config.json"), "w"), indent=1)

tensors = [("model.embed_tokens.weight", [V, H])]
for l in range(L):
    p = f"model.layers.{l}."
    tensors += [(p + "input_layernorm.weight", [H]), (p + "post_attention_layernorm.weight", [H]),
                (p + "self_attn.q_proj.weight", [NH * D, H]), (p + "self_attn.q_proj.bias", [NH * D]),
                (p + "self_attn.k_proj.weight", [KV * D, H]), (p + "self_attn.k_proj.bias", [KV * D]),
                (p + "self_attn.v_proj.weight", [KV * D, H]), (p + "self_attn.v_proj.bias", [KV * D]),
                (p + "self_attn.o_proj.weight", [H, NH * D]),
                (p + "mlp.gate_proj.weight", [I, H]), (p + "mlp.up_proj.weight", [I, H]), (p + "mlp.down_proj.weight", [H, I])]
tensors.append(("model.norm.weight", [H]))

header, offset = {}, 0
for name, shape in tensors:
    n = 1
    for s in shape:
        n *= s
    header[name] = dict(dtype="F16", shape=shape, data_offsets=[offset, offset + 2 * n])
    offset += 2 * n
head = json.dumps(header, separators=(",", ":")).encode()
head += b" " * (-len(head) % 8)
rng = random.Random(1234)
block = struct.pack("<%de" % (1 << 20), *[rng.gauss(0, 0.02) for _ in range(1 << 20)])
ones = struct.pack("<e", 1.0) * H
with open(os.path.join(out, "model.safetensors"), "wb") as f:
    f.write(struct.pack("<Q", len(head)) + head)
    for name, shape in tensors:
        size = header[name]["data_offsets"][1] - header[name]["data_offsets"][0]
        if name.endswith("norm.weight"):
            f.write(ones)
            continue
        while size > 0:
            f.write(block[:min(size, len(block))])
            size -= len(block)

vocab = {"<s>": 0, "</s>": 1, "<unk>": 2}
vocab.update({f"w{i}": i for i in range(3, V)})
special = [dict(id=i, content=c, single_word=False, lstrip=False, rstrip=False, normalized=False, special=True)
           for i, c in enumerate(["<s>", "</s>"])]
tok = {"version": "1.0", "truncation": None, "padding": None, "added_tokens": special, "normalizer": None,
       "pre_tokenizer": {"type": "WhitespaceSplit"}, "post_processor": None,
       "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": False},
       "model": {"type": "WordLevel", "vocab": vocab, "unk_token": "<unk>"}}
json.dump(tok, open(os.path.join(out, "tokenizer.json"), "w"))
print("wrote", out, offset, "bytes of weights")
