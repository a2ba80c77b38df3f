#!/usr/bin/env bash
# issue 15 (h-gen-6), call G2 (when device time is left after G1): parity with transformers (window-ring rows
# included) and whole-prompt prefill of 32K and 128K tokens
export PYTHONUNBUFFERED=1 LD_LIBRARY_PATH=/usr/local/cuda-13.0/targets/x86_64-linux/lib:/usr/lib/x86_64-linux-gnu:${LD_LIBRARY_PATH:-}
G=$(cd "$(dirname "$0")" && pwd)
R=/tmp/gpu-pack/app/ragp
[ -x $R ] || { echo "machine went cold"; exit 2; }
cp "$G"/*.py /tmp/gpu-pack/
cd /tmp/gpu-pack
timeout 60 python3 make_models.py /tmp/models parity > $OUT/models-parity.log 2>&1
timeout ${PARITY:-100} python3 parity.py $R /tmp/models 2>&1 | grep -v Warning | tee $OUT/parity.log
for n in 32768 131072; do
  timeout 40 $R generate --model /tmp/models/qwen2.5-0.5b-shape --random-prompt $n --max-tokens 4 --device cuda --attention dense --json --context $((n+16)) --prefill-block $((n>65536?65536:n)) 2>&1 | tail -c 300 | tee -a $OUT/prefill.log; echo >> $OUT/prefill.log
done
echo g2 done
