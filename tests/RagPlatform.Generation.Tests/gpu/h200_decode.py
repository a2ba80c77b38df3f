"""Issue 15 side-by-side: decode tok/s of `ragp generate --device cuda` per policy and context, with the HBM bound.
Decode runs after --synthetic-context (cache rows marked filled, not computed) plus a real 256-token prompt; 131 new
tokens, the rate over the last 128 steps (the first two capture the CUDA graph). A dense cell that fails with the
CUDA graph is run again with --no-cuda-graph, and says so (any policy).
usage: python h200_decode.py RAGP MODELS_DIR OUT_JSON MODEL POLICIES CONTEXTS   (POLICIES: dense,window,hsa and P-nograph)"""
import json, subprocess, sys, os, time
ragp, root, out_path, model = sys.argv[1:5]
policies = sys.argv[5].split(",")
contexts = [int(c) for c in sys.argv[6].split(",")]
from hbm import HBM, shapes, S, W, C, K, bound
PROMPT, NEW = 256, 131

def run(attention, ctx, extra):
    args = [ragp, "generate", "--model", os.path.join(root, model), "--random-prompt", str(PROMPT), "--synthetic-context",
            str(ctx - PROMPT), "--max-tokens", str(NEW), "--device", "cuda", "--attention", attention, "--json",
            "--context", str(ctx + NEW + 8), "--prefill-block", "512"] + extra
    t = time.time()
    try:
        res = subprocess.run(args, capture_output=True, text=True, timeout=int(os.environ.get("CELL_TIMEOUT", "150")))
    except subprocess.TimeoutExpired:
        return dict(error="timeout")
    if res.returncode != 0:
        return dict(error=(res.stderr.strip() or res.stdout.strip())[-400:])
    o = json.loads(res.stdout)
    return dict(prefill=round(o["prefillTokensPerSecond"], 1), decode=round(o["decodeTokensPerSecond"], 1), kv_bytes=o["kvCacheBytes"],
                cuda_graph=o.get("cudaGraph"), first=o["tokens"][:6], wall=round(time.time() - t, 1))

results = json.load(open(out_path)) if os.path.exists(out_path) else []
for ctx in contexts:
    for policy in policies:
        attention = policy.removesuffix("-nograph")
        extra = ["--no-cuda-graph"] if policy.endswith("-nograph") else []
        r = run(attention, ctx, extra)
        if "error" in r and not extra:
            r2 = run(attention, ctx, ["--no-cuda-graph"])
            r2["graph_error"] = r["error"]
            r = r2
        r.update(model=model, policy=policy, ctx=ctx, bound=round(bound(shapes[model], attention, ctx), 1))
        print(json.dumps(r), flush=True)
        results.append(r)
        json.dump(results, open(out_path, "w"), indent=1)
