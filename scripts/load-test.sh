#!/usr/bin/env bash
# Load test against real servers on loopback with wrk (installed from Debian's packages when missing):
# GET /api/search with 50 connections and POST /api/ask as server-sent events with 10 connections, each for
# DURATION seconds (default 60). This checkout's server is built in Release and started on a free port over a scratch
# data directory holding samples/. With BASELINE set (default 5df7425; BASELINE= skips it) that commit is checked out
# in a temporary worktree ($BASELINE_DIR, default /tmp/old<commit>), built, and started on another port with its own
# data directory over the same samples, and the same runs alternate between the two servers in this one session.
# Results (2xx throughput, latency percentiles, 429 / 5xx / socket error counts, and the ratios against the baseline)
# are printed and written to $OUT_DIR (default artifacts/load). Exits non-zero if any request got a 5xx or failed at
# the socket. SERVER_ARGS adds settings to this checkout's server only, e.g. SERVER_ARGS="--QueryLimits:SearchQueue=8".
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
duration="${DURATION:-60}"
baseline="${BASELINE-5df7425}"
out="${OUT_DIR:-$root/artifacts/load}"
mkdir -p "$out"

if ! command -v wrk >/dev/null 2>&1; then
  (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 2; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build web/RagPlatform.Web -c Release -nologo -v quiet >/dev/null
servers=(current)
declare -A dll=([current]="$root/web/RagPlatform.Web/bin/Release/net10.0/RagPlatform.Web.dll")
if [ -n "$baseline" ]; then
  old="${BASELINE_DIR:-/tmp/old$baseline}"
  if [ ! -d "$old" ]; then
    git worktree add --detach "$old" "$baseline" >/dev/null
  fi
  (cd "$old" && dotnet build web/RagPlatform.Web -c Release -nologo -v quiet >/dev/null)
  servers+=(baseline)
  dll[baseline]="$old/web/RagPlatform.Web/bin/Release/net10.0/RagPlatform.Web.dll"
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
declare -A base pid data
cleanup() {
  for name in "${servers[@]}"; do
    if [ -n "${pid[$name]:-}" ]; then kill "${pid[$name]}" 2>/dev/null || true; wait "${pid[$name]}" 2>/dev/null || true; fi
    if [ -n "${data[$name]:-}" ]; then rm -rf "${data[$name]}"; fi
  done
}
trap cleanup EXIT
for name in "${servers[@]}"; do
  data[$name]="$(mktemp -d)"
  base[$name]="http://127.0.0.1:$(free_port)"
  dotnet "${dll[$name]}" --urls "${base[$name]}" --Storage:DataDirectory="${data[$name]}" --Samples:Path="$root/samples" \
    --Logging:LogLevel:Default=Warning $([ "$name" = current ] && echo "${SERVER_ARGS:-}") >"$out/server-$name.log" 2>&1 &
  pid[$name]=$!
done

# Ready when the samples are indexed: every document of the collection Indexed, and no new one for 10 s.
wait_ready() { # base
  local last=-1 stable=0 now
  for _ in $(seq 1 900); do
    now="$(curl -fs "$1/api/collections/samples/documents" 2>/dev/null \
       | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d) if d and all(x["state"]=="Indexed" for x in d) else -1)' 2>/dev/null || echo -1)"
    if [ "$now" -gt 0 ] && [ "$now" = "$last" ]; then stable=$((stable + 1)); else stable=0; fi
    last="$now"
    [ "$stable" -ge 10 ] && break
    sleep 1
  done
  curl -fs "$1/api/collections/samples/documents" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'
}
for name in "${servers[@]}"; do
  echo "$name server on ${base[$name]}, $(wait_ready "${base[$name]}") sample documents indexed"
done

cat >"$out/search.lua" <<'LUA'
local queries = { "congress%20shall%20have%20power", "fair%20use%20of%20a%20copyrighted%20work",
  "term%20of%20the%20agreement", "confidential%20information", "attention%20sinks", "taxes%20and%20duties",
  "exclusive%20rights", "governing%20law", "declaration%20of%20independence%20grievances", "delegates%20of%20the%20states" }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/search?collection=samples&top=10&q=" .. queries[(i % #queries) + 1])
end
LUA
cat >"$out/ask.lua" <<'LUA'
local questions = { "How long does the confidentiality obligation last?", "Who has the power to lay and collect taxes?",
  "What are the factors for fair use?", "What may the states not do without the consent of Congress?",
  "Which law governs the agreement?" }
local i = 0
request = function()
  i = i + 1
  local body = '{"question":"' .. questions[(i % #questions) + 1] .. '","collection":"samples"}'
  return wrk.format("POST", "/api/ask", { ["Content-Type"] = "application/json", ["Accept"] = "text/event-stream" }, body)
end
LUA
# Status classes are counted per wrk thread and summed at the end; throughput counts 2xx answers only.
cat >"$out/report.lua" <<'LUA'
local threads = {}
setup = function(thread) table.insert(threads, thread) end
init = function() s2xx, s429, s5xx = 0, 0, 0 end
response = function(status)
  if status >= 500 then s5xx = s5xx + 1 elseif status == 429 then s429 = s429 + 1 elseif status < 300 then s2xx = s2xx + 1 end
end
done = function(summary, latency, requests)
  local ok, busy, failed = 0, 0, 0
  for _, t in ipairs(threads) do ok = ok + t:get("s2xx"); busy = busy + t:get("s429"); failed = failed + t:get("s5xx") end
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d ok=%d seconds=%.1f ok_rps=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f s429=%d s5xx=%d socket_errors=%d\n",
    summary.requests, ok, seconds, ok / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    busy, failed, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA

run() { # server route connections script
  cat "$out/$4" "$out/report.lua" >"$out/$2.run.lua"
  echo "== $1 $2: $3 connections, ${duration} s (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  wrk -t2 -c"$3" -d"${duration}s" --timeout 30s --latency -s "$out/$2.run.lua" "${base[$1]}" | tee "$out/$1-$2.txt"
}
# Alternate the servers per route so a change in the machine's load hits both.
for name in "${servers[@]}"; do run "$name" search 50 search.lua; done
for name in "${servers[@]}"; do run "$name" ask 10 ask.lua; done

# A 5xx or a socket error anywhere fails the run; 429s are counted (the queue should absorb these connection counts).
status=0
for name in "${servers[@]}"; do
  for route in search ask; do
    line="$(grep '^RESULT' "$out/$name-$route.txt")"
    echo "$name $route: $line"
    case "$line" in *" s5xx=0 socket_errors=0") ;; *) [ "$name" = current ] && status=1 ;; esac
  done
done
if [ -n "$baseline" ]; then
  python3 - "$out" "$baseline" <<'PY' | tee "$out/compare.txt"
import re, sys
out, commit = sys.argv[1], sys.argv[2]
def read(name, route):
    line = next(l for l in open(f"{out}/{name}-{route}.txt") if l.startswith("RESULT"))
    return {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", line)}
for route in ("search", "ask"):
    cur, old = read("current", route), read("baseline", route)
    print(f"{route}: throughput {cur['ok_rps']:.1f} vs {old['ok_rps']:.1f} /s at {commit} = {cur['ok_rps'] / max(old['ok_rps'], 1e-9):.2f}x; "
          f"p99 {cur['p99_ms']:.0f} vs {old['p99_ms']:.0f} ms = {cur['p99_ms'] / max(old['p99_ms'], 1e-9):.2f}x")
PY
fi
exit "$status"
