#!/usr/bin/env bash
# issue 15 (h-gen-5), call M3: the Qwen2.5-7B shape (dense, 4K-128K), then a second run of ours at the Qwen2.5-0.5B shape
export PYTHONUNBUFFERED=1 LD_LIBRARY_PATH=/usr/local/cuda-13.0/targets/x86_64-linux/lib:/usr/lib/x86_64-linux-gnu:${LD_LIBRARY_PATH:-}
R=/tmp/gpu-pack/app/ragp
[ -x $R ] || { echo "machine went cold"; exit 2; }
cd /tmp/gpu-pack
t=$(date +%s); timeout 200 python3 make_models.py /tmp/models 7b 2>&1 | tail -2; echo "7b model $(( $(date +%s) - t )) s"; df -h /tmp | tail -1
CELL_TIMEOUT=240 timeout 330 python3 h200_decode.py $R /tmp/models $OUT/ours-7b.json qwen2.5-7b-shape dense 4096,32768,131072 2>&1 | tee $OUT/ours-7b.log
timeout 60 python3 h200_decode.py $R /tmp/models $OUT/ours-qwen-2.json qwen2.5-0.5b-shape dense,window,hsa 4096,32768 2>&1 | tee $OUT/ours-qwen-2.log
echo m3 done
