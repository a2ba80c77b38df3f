"""Decode and prefill speed of `ragp generate --device cuda` at long context, with the HBM bound beside each.
Decode is measured after --synthetic-context N (cache rows marked filled, not computed); prefill on a real prompt.
usage: python speed.py RAGP MODELS_DIR OUT_JSON MODEL[,MODEL] [contexts...]"""
import json, subprocess, sys, os, time
ragp, root, out_path = sys.argv[1], sys.argv[2], sys.argv[3]
contexts = [int(c) for c in sys.argv[5:]] or [4096, 32768, 131072, 524288, 1048576]
from hbm import HBM, shapes, S, W, C, K, bound

results = []
def run(model, attention, ctx, prompt, new_tokens, timeout):
    args = [ragp, "generate", "--model", os.path.join(root, model), "--random-prompt", str(prompt), "--synthetic-context",
            str(ctx - prompt), "--max-tokens", str(new_tokens), "--device", "cuda", "--attention", attention, "--json",
            "--context", str(ctx + new_tokens + 8), "--prefill-block", "512"]
    t = time.time()
    try:
        res = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return dict(error="timeout")
    if res.returncode != 0:
        return dict(error=res.stderr.strip()[-300:])
    o = json.loads(res.stdout)
    return dict(prefill=o["prefillTokensPerSecond"], decode=o["decodeTokensPerSecond"], kv_bytes=o["kvCacheBytes"],
                context=o["contextTokens"], wall=round(time.time() - t, 1))

for model in sys.argv[4].split(","):
    for ctx in contexts:
        for attention in ("dense", "window", "hsa"):
            r = run(model, attention, ctx, 256, 33, 150)
            r.update(model=model, attention=attention, ctx=ctx, bound=round(bound(shapes[model], attention, ctx), 1))
            print(json.dumps(r), flush=True)
            results.append(r)
            json.dump(results, open(out_path, "w"), indent=1)
