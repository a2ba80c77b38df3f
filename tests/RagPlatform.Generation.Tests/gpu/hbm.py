"""The HBM bound of one decode step on the H200, shared by the GPU speed scripts: a step reads every weight once plus
the KV rows its attention policy touches (dense: the whole context; window: sinks + window; hsa: sinks + window + the
selected chunks, plus one landmark per chunk)."""
HBM = 4.8e12
shapes = {
    "qwen2.5-0.5b-shape": dict(layers=24, kv=2, d=64, params=494e6, vocab=151936, hidden=896),
    "llama-3.2-1b-shape": dict(layers=16, kv=8, d=64, params=1236e6, vocab=128256, hidden=2048),
    "qwen2.5-7b-shape": dict(layers=28, kv=4, d=128, params=7616e6, vocab=152064, hidden=3584),
}
S, W, C, K = 4, 2048, 64, 16

def bound(shape, attention, ctx):
    per_token = shape["layers"] * shape["kv"] * shape["d"] * 2 * 2  # K and V, fp16
    weights = shape["params"] * 2
    if attention == "dense":
        kv = ctx * per_token
    elif attention == "window":
        kv = min(ctx, S + W) * per_token
    else:
        kv = min(ctx, S + W + K * C) * per_token + (ctx // C) * shape["layers"] * shape["kv"] * shape["d"] * 2
    return HBM / (weights + kv)
