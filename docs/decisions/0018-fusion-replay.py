"""Replays fusion variants from `ragp eval --dump` files (ADR 0018).

Usage: python3 0018-fusion-replay.py QRELS.tsv ARCTIC_DUMP.jsonl [SECOND_MODEL_DUMP.jsonl]
Lists are cut to the served depth (DEPTH, default 100: BM25 top 100, dense top 100, the union with exact dense
scores) before fusing; a dump is 1,000 deep. A query is long (BM25 weight 0.2, no rerank) when its rows carry
per-window scores, which dumps of this branch on write. Dump rows: [source, bm25, dense, late, per-window dense or null, dense2].
"""
import json, math, sys, collections
def qrels(path):
    q = collections.defaultdict(dict)
    for i, l in enumerate(open(path)):
        if i == 0: continue
        a, b, s = l.rstrip('\n').split('\t'); 
        if int(s) > 0: q[a][b] = int(s)
    return q
def load(path):
    out = {}
    for l in open(path):
        r = json.loads(l)
        out[r['id']] = {h[0]: (h[1], h[2], h[3]) for h in r['hits']}
    return out
def ndcg(ranked, judged, k=10):
    dcg = sum(judged.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sum(r / math.log2(i + 2) for i, r in enumerate(sorted(judged.values(), reverse=True)[:k]))
    return dcg / ideal if ideal else 0
def recall(ranked, judged, k=100):
    return len([d for d in ranked[:k] if d in judged]) / len(judged) if judged else 0
def rank(scores):
    return [k for k, v in sorted(scores.items(), key=lambda p: (-p[1], p[0]))]
def z(lst):
    if not lst: return {}, 0
    vals = list(lst.values()); m = sum(vals) / len(vals)
    sd = math.sqrt(sum((v - m) ** 2 for v in vals) / len(vals))
    if sd == 0: return {k: 0 for k in lst}, 0
    return {k: (v - m) / sd for k, v in lst.items()}, (min(vals) - m) / sd
def zfuse(lists, weights):
    allk = set().union(*lists)
    out = {k: 0.0 for k in allk}
    for l, w in zip(lists, weights):
        zz, floor = z(l)
        for k in allk: out[k] += w * zz.get(k, floor)
    return out
def quantile(lists, weights):
    out = collections.defaultdict(float)
    for l, w in zip(lists, weights):
        r = rank(l)
        for i, k in enumerate(r): out[k] += w * (1 - i / len(r))
    return out
def rrf(lists, weights, k=60):
    out = collections.defaultdict(float)
    for l, w in zip(lists, weights):
        for i, d in enumerate(rank(l)): out[d] += w / (k + i + 1)
    return out
def minmax(lists, weights):
    out = collections.defaultdict(float)
    for l, w in zip(lists, weights):
        if not l: continue
        lo, hi = min(l.values()), max(l.values())
        for k, v in l.items(): out[k] += w * ((v - lo) / (hi - lo) if hi > lo else 1)
    return out
def evaluate(qr, rankings):
    n = len(qr); nd = sum(ndcg(rankings.get(q, []), qr[q]) for q in qr) / n
    rc = sum(recall(rankings.get(q, []), qr[q]) for q in qr) / n
    return round(nd, 4), round(rc, 4)
import sys, json
# usage: grid.py qrels arcticdump [minilmdump]
qr = qrels(sys.argv[1])
def rows(p):
    out = {}
    for l in open(p):
        r = json.loads(l); out[r['id']] = r['hits']
    return out
A = rows(sys.argv[2]); M = rows(sys.argv[3]) if len(sys.argv) > 3 else None
qr = {q: v for q, v in qr.items() if q in A}
bm = {q: {h[0]: h[1] for h in hs if h[1] is not None} for q, hs in A.items()}
de = {q: {h[0]: h[2] for h in hs if h[2] is not None} for q, hs in A.items()}
la = {q: {h[0]: h[3] for h in hs if h[3] is not None} for q, hs in A.items()}
lng = {q: any(len(h) > 4 and h[4] for h in hs) for q, hs in A.items()}
mi = {q: {h[0]: h[2] for h in hs if h[2] is not None} for q, hs in M.items()} if M else None
mbm = {q: {h[0]: h[1] for h in hs if h[1] is not None} for q, hs in M.items()} if M else None
D = int(__import__('os').environ.get('DEPTH', '100'))
def top(d, n=D): return set(rank(d)[:n])
for q in A:
    u = top(bm[q]) | top(de[q]) | (top(mi[q]) if mi and q in mi else set())
    bm[q] = {k: v for k, v in bm[q].items() if k in top(bm[q])}
    de[q] = {k: v for k, v in de[q].items() if k in u}
    if mi and q in mi: mi[q] = {k: v for k, v in mi[q].items() if k in u}
    la[q] = {k: v for k, v in la[q].items() if k in u}
def rerank(fused, late, w=0.3, depth=50):
    r = rank(fused); head = r[:depth]
    if not late: return r
    comb = minmax([{k: fused[k] for k in head}, {k: late[k] for k in head if k in late}], [1 - w, w])
    return sorted(head, key=lambda k: (-comb.get(k, 0), k)) + r[depth:]
def run(name, f, rr=False, longw=None):
    res = {}
    for q in A:
        fused = f(q, lng[q])
        res[q] = rerank(fused, la[q]) if rr and not lng[q] else rank(fused)
    print(name, evaluate(qr, res), flush=True)
print('queries', len(qr), 'long', sum(lng.values()))
run('bm25', lambda q, l: bm[q]); run('dense', lambda q, l: de[q])
if mi: run('minilm', lambda q, l: mi[q]); run('minilm-bm25(own dump)', lambda q, l: mbm[q])
for w in [0.5, 0.7, 1.0]:
    run(f'z bm{w} long0.2', lambda q, l: zfuse([bm[q], de[q]], [0.2 if l else w, 1]))
    run(f'z bm{w} long0.2 +rerank', lambda q, l: zfuse([bm[q], de[q]], [0.2 if l else w, 1]), rr=True)
if mi:
    for w in [0.5, 0.7, 1.0]:
        for w2 in [0.5, 0.75, 1.0]:
            run(f'3way z bm{w} mini{w2} (long bm0.2)', lambda q, l: zfuse([bm[q], de[q], mi[q]], [0.2 if l else w, 1, w2]))
            run(f'3way z bm{w} mini{w2} (long bm0.2) +rerank', lambda q, l: zfuse([bm[q], de[q], mi[q]], [0.2 if l else w, 1, w2]), rr=True)
    for k in [60]:
        run('3way rrf 1:1:1', lambda q, l: rrf([bm[q], de[q], mi[q]], [1, 1, 1]))
