#!/usr/bin/env bash
# issue 15 (h-gen-6), call G1: unpack, make the models, a window-ring smoke run, ours on the Qwen2.5-0.5B shape
# (dense, window, hsa at 4K-1M), prefill 32K/128K. Run from the ignored .gpu/ folder after the parts are stashed.
G=$(cd "$(dirname "$0")" && pwd)
export PYTHONUNBUFFERED=1
cp "$G"/app.tar.zst.part-* /tmp/gpu-pack/ 2>/dev/null
mkdir -p /tmp/gs && cp "$G"/setup.sh "$G"/zstd /tmp/gs/ && cat /tmp/gpu-pack/app.tar.zst.part-* > /tmp/gs/app.tar.zst
rm -f /tmp/gpu-pack/app.tar.zst.part-*
source /tmp/gs/setup.sh || exit 2
cp "$G"/*.py /tmp/gpu-pack/
nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.sm,clocks.mem --format=csv | tee $OUT/gpu.txt
python3 -c "import torch, transformers; print(torch.__version__, transformers.__version__)" | tee -a $OUT/gpu.txt
t=$(date +%s); timeout 150 python3 /tmp/gpu-pack/make_models.py /tmp/models all > $OUT/models.log 2>&1; echo "models $(( $(date +%s) - t )) s"; tail -2 $OUT/models.log
R=/tmp/gpu-pack/app/ragp
cd /tmp/gpu-pack
# smoke: the ring step captured on CUDA at a context that wraps it (stderr shown if it fails)
timeout 60 $R generate --model /tmp/models/qwen2.5-0.5b-shape --random-prompt 256 --synthetic-context 8000 --max-tokens 40 --device cuda --attention window --context 8400 --json 2>&1 | tail -c 600; echo
timeout 330 python3 h200_decode.py $R /tmp/models $OUT/ours-qwen.json qwen2.5-0.5b-shape dense,window,hsa 4096,32768,131072,1048576 2>&1 | tee $OUT/ours-qwen.log
for n in 32768 131072; do
  timeout 40 $R generate --model /tmp/models/qwen2.5-0.5b-shape --random-prompt $n --max-tokens 4 --device cuda --attention dense --json --context $((n+16)) --prefill-block $((n>65536?65536:n)) 2>&1 | tail -c 300 | tee -a $OUT/prefill.log; echo >> $OUT/prefill.log
done
echo g1 done
