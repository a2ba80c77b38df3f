#!/usr/bin/env bash
# issue 15 (h-gen-5), call M2: the PyTorch reference (same session as M1), parity with transformers, ours at the Llama-3.2-1B shape
export PYTHONUNBUFFERED=1 LD_LIBRARY_PATH=/usr/local/cuda-13.0/targets/x86_64-linux/lib:/usr/lib/x86_64-linux-gnu:${LD_LIBRARY_PATH:-}
R=/tmp/gpu-pack/app/ragp
[ -x $R ] || { echo "machine went cold"; exit 2; }
cd /tmp/gpu-pack
CONTEXTS=4096,32768,131072,1048576 OUT=$OUT timeout 230 python3 torch_decode_reference.py 2>&1 | tail -16 | tee $OUT/reference.log
timeout 90 python3 parity.py $R /tmp/models 2>&1 | grep -v Warning | tee $OUT/parity.log
timeout 200 python3 h200_decode.py $R /tmp/models $OUT/ours-llama.json llama-3.2-1b-shape dense,window,hsa 4096,32768,131072 2>&1 | tee $OUT/ours-llama.log
echo m2 done
