#!/usr/bin/env bash
# issue 15 (h-gen-6), call G2: the PyTorch reference (same session as G1), parity with transformers (window ring rows
# included), a second run of ours at 4K/32K, then the Llama-3.2-1B shape
export PYTHONUNBUFFERED=1 LD_LIBRARY_PATH=/usr/local/cuda-13.0/targets/x86_64-linux/lib:/usr/lib/x86_64-linux-gnu:${LD_LIBRARY_PATH:-}
G=$(cd "$(dirname "$0")" && pwd)
R=/tmp/gpu-pack/app/ragp
[ -x $R ] || { echo "machine went cold"; exit 2; }
cp "$G"/*.py /tmp/gpu-pack/
cd /tmp/gpu-pack
CONTEXTS=4096,32768,131072,1048576 OUT=$OUT timeout 230 python3 torch_decode_reference.py 2>&1 | tail -16 | tee $OUT/reference.log
timeout 100 python3 parity.py $R /tmp/models 2>&1 | grep -v Warning | tee $OUT/parity.log
timeout 70 python3 h200_decode.py $R /tmp/models $OUT/ours-qwen-2.json qwen2.5-0.5b-shape dense,window,hsa 4096,32768 2>&1 | tee $OUT/ours-qwen-2.log
timeout 150 python3 h200_decode.py $R /tmp/models $OUT/ours-llama.json llama-3.2-1b-shape dense,window 4096,32768,131072 2>&1 | tee $OUT/ours-llama.log
echo g2 done
