#!/usr/bin/env bash
# Load test against a real server on loopback with wrk (installed from Debian's packages when missing):
# GET /api/search with 50 connections and POST /api/ask as server-sent events with 10 connections, each for
# DURATION seconds (default 60). The server is built in Release and started on a free port over a scratch data
# directory holding samples/; the results (throughput, latency percentiles, non-2xx count) are printed and written
# to $OUT_DIR (default artifacts/load). Exits non-zero if any request got a 5xx or failed at the socket.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
duration="${DURATION:-60}"
out="${OUT_DIR:-$root/artifacts/load}"
mkdir -p "$out"

if ! command -v wrk >/dev/null 2>&1; then
  (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 2; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build web/RagPlatform.Web -c Release -nologo -v quiet >/dev/null
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
data="$(mktemp -d)"
base="http://127.0.0.1:$port"
dotnet web/RagPlatform.Web/bin/Release/net10.0/RagPlatform.Web.dll --urls "$base" \
  --Storage:DataDirectory="$data" --Samples:Path="$root/samples" --Logging:LogLevel:Default=Warning >"$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT

# Ready when the samples are indexed: every document of the collection Indexed, and no new one for 10 s.
last=-1; stable=0
for _ in $(seq 1 900); do
  now="$(curl -fs "$base/api/collections/samples/documents" 2>/dev/null \
     | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d) if d and all(x["state"]=="Indexed" for x in d) else -1)' 2>/dev/null || echo -1)"
  if [ "$now" -gt 0 ] && [ "$now" = "$last" ]; then stable=$((stable + 1)); else stable=0; fi
  last="$now"
  [ "$stable" -ge 10 ] && break
  sleep 1
done
count="$(curl -fs "$base/api/collections/samples/documents" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"
echo "server on $base, $count sample documents indexed"

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
cat >"$out/report.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA

run() { # name connections script
  cat "$out/$3" "$out/report.lua" >"$out/$1.run.lua"
  wrk -t2 -c"$2" -d"${duration}s" --timeout 30s --latency -s "$out/$1.run.lua" "$base" | tee "$out/$1.txt"
}
run search 50 search.lua
run ask 10 ask.lua

# A 5xx anywhere fails the run; 4xx would be our own load script's fault and is reported too.
status=0
for name in search ask; do
  line="$(grep '^RESULT' "$out/$name.txt")"
  echo "$name: $line"
  case "$line" in *" non2xx=0 socket_errors=0") ;; *) status=1 ;; esac
done
exit "$status"
