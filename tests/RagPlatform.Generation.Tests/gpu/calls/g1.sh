#!/usr/bin/env bash
# issue 15 (h-gen-6), call G1: unpack, make the models, ours on the Qwen2.5-0.5B shape (dense, window, hsa at 4K-1M;
# a failing cell is rerun without the CUDA graph and says why), then the PyTorch reference in the same session.
# Run from the ignored .gpu/s/ folder after the parts are stashed (the device time left this session allowed one call).
G=$(cd "$(dirname "$0")" && pwd)
export PYTHONUNBUFFERED=1
cp "$G"/app.tar.zst.part-* /tmp/gpu-pack/ 2>/dev/null
mkdir -p /tmp/gs && cp "$G"/setup.sh "$G"/zstd /tmp/gs/ && cat /tmp/gpu-pack/app.tar.zst.part-* > /tmp/gs/app.tar.zst
rm -f /tmp/gpu-pack/app.tar.zst.part-*
source /tmp/gs/setup.sh || exit 2
cp "$G"/*.py /tmp/gpu-pack/
nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.sm,clocks.mem --format=csv | tee $OUT/gpu.txt
python3 -c "import torch, transformers; print(torch.__version__, transformers.__version__)" | tee -a $OUT/gpu.txt
t=$(date +%s); timeout 110 python3 /tmp/gpu-pack/make_models.py /tmp/models ${MODELS:-speed} > $OUT/models.log 2>&1; echo "models $(( $(date +%s) - t )) s"; tail -2 $OUT/models.log
R=/tmp/gpu-pack/app/ragp
cd /tmp/gpu-pack
timeout ${OURS:-250} python3 h200_decode.py $R /tmp/models $OUT/ours-qwen.json qwen2.5-0.5b-shape dense,window,hsa 4096,32768,131072,1048576 2>&1 | tee $OUT/ours-qwen.log
CONTEXTS=4096,32768,131072,1048576 OUT=$OUT timeout ${REF:-200} python3 torch_decode_reference.py 2>&1 | tail -16 | tee $OUT/reference.log
echo g1 done
