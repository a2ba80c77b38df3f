#!/usr/bin/env bash
# Indexing throughput with N ragp worker processes on one PostgreSQL (docs/DEPLOYMENT.md):
#   bash scripts/bench-workers.sh CORPUS_DIR [WORKERS...]        e.g. bash scripts/bench-workers.sh ../shared/data/pdfs 1 2
# For each worker count: a throwaway PostgreSQL cluster, a server with its own worker off, one job per file of CORPUS_DIR
# (each file its own collection, so the jobs may run in parallel), N workers with --drain; prints seconds, documents,
# chunks, documents/s, and the data directory and database sizes. Uses the Release build (RAGP_BUILD=Debug: the Debug one).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh
corpus="$(cd "$1" && pwd)"; shift
counts=("${@:-1 2}")
config="${RAGP_BUILD:-Release}"
bin=indexer/RagPlatform.Indexer/bin/$config/net10.0/ragp.dll
web=web/RagPlatform.Web/bin/$config/net10.0/RagPlatform.Web.dll
[ -f "$bin" ] && [ -f "$web" ] || dotnet build RagPlatform.sln -c "$config" -nologo -v quiet
export Embedding__Enabled="${Embedding__Enabled:-false}" Samples__Path="" Storage__Provider=postgres
for n in ${counts[*]}; do
  start_test_postgres
  export Storage__ConnectionString="$RAGP_TEST_POSTGRES_CONNECTION;Database=bench"
  data="$(mktemp -d /tmp/ragp-bench-data-XXXXXX)"; jobs="$(mktemp -d /tmp/ragp-bench-jobs-XXXXXX)"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  Worker__Enabled=false Jobs__Roots__0="$jobs" Storage__DataDirectory="$data" dotnet "$web" --urls "http://127.0.0.1:$port" >/tmp/ragp-bench-server.log 2>&1 &
  server=$!
  until curl -sf "http://127.0.0.1:$port/api/health" >/dev/null 2>&1; do sleep 0.5; done
  i=0
  for f in "$corpus"/*; do
    [ -f "$f" ] || continue
    i=$((i + 1)); mkdir -p "$jobs/c$i"; cp "$f" "$jobs/c$i/"
    curl -sf -X POST "http://127.0.0.1:$port/api/jobs" -H 'Content-Type: application/json' \
      -d "{\"collection\":\"c$i\",\"path\":\"$jobs/c$i\"}" >/dev/null
  done
  t0=$(date +%s.%N)
  pids=()
  for _ in $(seq "$n"); do dotnet "$bin" worker --drain --data "$data" >/dev/null 2>>/tmp/ragp-bench-workers.log & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p" || true; done
  t1=$(date +%s.%N)
  totals=$(dotnet "$bin" jobs list --json --data "$data" | python3 -c 'import json,sys; j=json.load(sys.stdin); print(sum(x["added"]+x["updated"] for x in j), sum(x["chunks"] for x in j), sum(x["pages"] for x in j), sum(1 for x in j if x["state"]!="Succeeded"))')
  read -r docs chunks pages notok <<<"$totals"
  dbbytes=$(psql -h 127.0.0.1 -p "$PG_PORT" -U ragp -d bench -Atc "select pg_database_size('bench')")
  databytes=$(du -sb "$data" | cut -f1)
  python3 - "$n" "$t0" "$t1" "$docs" "$chunks" "$pages" "$notok" "$dbbytes" "$databytes" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import sys
n, t0, t1, docs, chunks, pages, notok, db, data, load = sys.argv[1:]
s = float(t1) - float(t0); gb = (int(db) + int(data)) / 1e9
print(f"workers={n} seconds={s:.1f} documents={docs} chunks={chunks} pages={pages} not_succeeded={notok} "
      f"docs/s={int(docs)/s:.2f} pages/s={int(pages)/s:.2f} chunks/s={int(chunks)/s:.1f} index_bytes={data} db_bytes={db} "
      f"docs/GB={int(docs)/gb:.0f} chunks/GB={int(chunks)/gb:.0f} load={load}")
PY
  kill "$server"; wait "$server" 2>/dev/null || true
  stop_test_postgres
  rm -rf "$data" "$jobs"
done
