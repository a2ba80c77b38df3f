"""Parity of `ragp generate` with PyTorch/transformers on the random small models: tokenization of tokenizer.json
against the `tokenizers` library, logits after the prompt (fp32 on CPU, fp16 on CUDA) and greedy tokens.
usage: python parity.py RAGP MODELS_DIR"""
import json, subprocess, sys, os
import numpy as np, torch
from tokenizers import Tokenizer
from transformers import AutoModelForCausalLM

ragp, root = sys.argv[1], sys.argv[2]
prompt = ("The court held that the contract was void because the consideration failed. Section 12 of the statute "
          "governs the limitation period; protein folding depends on hydrogen bonds.")
rows = []
for name in ("llama-small", "qwen2-small"):
    d = os.path.join(root, name)
    cfg = json.load(open(os.path.join(d, "config.json")))
    print(name, {k: v for k, v in cfg.items() if "rope" in k}, cfg.get("transformers_version"))
    tok = Tokenizer.from_file(os.path.join(d, "tokenizer.json"))
    ids = tok.encode(prompt, add_special_tokens=False).ids
    model = AutoModelForCausalLM.from_pretrained(d, torch_dtype=torch.float32).eval()
    with torch.no_grad():
        ref = model(torch.tensor([ids])).logits[0, -1].double().numpy()
        gen = model.generate(torch.tensor([ids]), max_new_tokens=16, do_sample=False, eos_token_id=None, pad_token_id=0)[0, len(ids):].tolist()
    for device, attention in (("cpu", "dense"), ("cuda", "dense"), ("cuda", "dense-nograph"), ("cuda", "window-full"), ("cuda", "hsa")):
        logits_path = f"/tmp/logits-{name}-{device}-{attention}.bin"
        args = [ragp, "generate", "--model", d, "--prompt", prompt, "--max-tokens", "16", "--device", device,
                "--attention", attention.split("-")[0], "--json", "--logits-out", logits_path, "--prefill-block", "16"]
        if attention == "dense-nograph":
            args += ["--no-cuda-graph"]
        if attention == "window-full":
            args += ["--sinks", "4", "--window", "4096"]
        if attention == "hsa":
            args += ["--sinks", "4", "--window", "8", "--chunk-size", "4", "--chunks", "1000"]
        res = subprocess.run(args, capture_output=True, text=True)
        if res.returncode != 0:
            rows.append((name, device, attention, "FAILED: " + res.stderr.strip()[-400:]))
            continue
        out = json.loads(res.stdout)
        ours = np.fromfile(logits_path, dtype=np.float32).astype(np.float64)
        diff = float(np.max(np.abs(ours - ref)))
        rel = diff / float(np.max(np.abs(ref)))
        rows.append((name, device, attention, dict(tokenization_equal=out["promptTokens"] == ids, prompt_tokens=len(ids),
                     max_abs_logit_diff=round(diff, 6), max_logit=round(float(np.max(np.abs(ref))), 3), rel=round(rel, 6),
                     greedy_equal=out["tokens"] == gen, ours=out["tokens"][:8], torch=gen[:8])))
    # the window ring (ADR 0016) wrapping many times: greedy tokens of `ragp generate --attention window` (sinks 4,
    # window 8) on CPU (fp32) and CUDA (fp16, the captured ring step) against transformers with the same visibility
    # rule as an explicit 4D mask, recomputed from scratch at every step
    try:
        S, W, N = 4, 8, 32
        seq = list(ids)
        with torch.no_grad():
            for _ in range(N):
                n = len(seq)
                q = torch.arange(n)[:, None]; k = torch.arange(n)[None, :]
                visible = (k <= q) & ((k < S) | (q - k < W))
                mask = torch.zeros(n, n).masked_fill(~visible, float("-inf"))[None, None]
                seq.append(int(model(torch.tensor([seq]), attention_mask=mask).logits[0, -1].argmax()))
        want = seq[len(ids):]
        for device in ("cpu", "cuda"):
            res = subprocess.run([ragp, "generate", "--model", d, "--prompt", prompt, "--max-tokens", str(N), "--device", device,
                                  "--attention", "window", "--sinks", str(S), "--window", str(W), "--json", "--prefill-block", "16"],
                                 capture_output=True, text=True)
            if res.returncode != 0:
                rows.append((name, device, "window-ring", "FAILED: " + res.stderr.strip()[-400:]))
                continue
            got = json.loads(res.stdout)["tokens"]
            first = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), None)
            rows.append((name, device, "window-ring", dict(greedy_equal=got == want, first_difference=first, ours=got[:12], torch=want[:12])))
    except Exception as e:  # keep the other rows
        rows.append((name, "torch", "window-ring", "FAILED: " + repr(e)[-400:]))
for r in rows:
    print(json.dumps(r))
