#!/usr/bin/env bash
# The integrity probe: real processes on loopback (servers, ragp runs, curl), each check bounded in time, every
# process cleaned up by PID. Prints "held: NAME" or "failed: NAME (why)" per check and a closing
# "N held, N failed" line; exits 1 when a check failed. Usage: bash scripts/probe.sh [--no-build] [FILTER]
# (FILTER: run only the checks whose name contains it; "web" or "keys" runs that server's group). Needs the .NET 10 SDK, curl, python3 and sqlite3.
set -uo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

build=1
filter=""
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    *) filter="$arg" ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ "$build" = 1 ]; then
  dotnet build RagPlatform.sln -c Release -nologo -v quiet >/dev/null || { echo "build failed" >&2; exit 2; }
fi

web="$repo/web/RagPlatform.Web/bin/Release/net10.0/RagPlatform.Web.dll"
ragp_dll="$repo/indexer/RagPlatform.Indexer/bin/Release/net10.0/ragp.dll"
root="$(mktemp -d /tmp/ragp-probe.XXXXXX)"
pids=()
held=0
failed=0
group=""

cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$root"
}
trap cleanup EXIT

# Every process the probe starts reads these: no samples seeding, no embedding model (the checks are about
# integrity, not ranking; one check turns embeddings on), no API keys unless a check sets them.
export Samples__Path="" Embedding__Enabled=false

ragp() { timeout 300 dotnet "$ragp_dll" "$@"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# start_server DATA PORT [VAR=VALUE...]: starts a server in the background, records its PID in $server_pid and
# waits (at most 120 s) until it answers; returns 1 when it exited instead.
start_server() {
  local data="$1" port="$2"; shift 2
  env Storage__DataDirectory="$data" "$@" dotnet "$web" --urls "http://127.0.0.1:$port" >"$data.server.log" 2>&1 &
  server_pid=$!
  pids+=("$server_pid")
  for _ in $(seq 1 600); do
    curl -s -o /dev/null "http://127.0.0.1:$port/api/health" && return 0
    kill -0 "$server_pid" 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}

stop_server() { kill -9 "$1" 2>/dev/null; wait "$1" 2>/dev/null; }

# status METHOD URL [curl args...]: prints the HTTP status; the body lands in $root/body.
status() {
  local method="$1" url="$2"; shift 2
  curl -s -o "$root/body" -w '%{http_code}' -X "$method" --max-time 60 "$url" "$@"
}

# wait_job BASE ID [KEY]: waits (at most 300 s) for a job to leave Queued/Running; prints its final state.
wait_job() {
  local base="$1" id="$2" key="${3:-}" state=""
  for _ in $(seq 1 600); do
    state="$(curl -s ${key:+-H "X-Api-Key: $key"} "$base/api/jobs/$id" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("state",""))' 2>/dev/null)"
    case "$state" in Queued|Running|"") sleep 0.5 ;; *) echo "$state"; return 0 ;; esac
  done
  echo "$state"
}

json() { python3 -c "import json,sys; d=json.load(open('$1')); print(eval('''$2'''))"; }

# check NAME FUNCTION: runs one check (at most 600 s); a check returns 0 when the property held, else it prints why.
check() {
  local name="$1" fn="$2"
  if [ -n "$filter" ] && [ "$filter" != "$group" ] && [[ "$name" != *"$filter"* ]]; then return; fi
  local why
  why="$(timeout 600 bash -c "$(declare -f); $fn" 2>&1)"
  local rc=$?
  if [ $rc -eq 0 ]; then
    held=$((held + 1)); echo "held: $name"
  else
    failed=$((failed + 1)); echo "failed: $name ($(echo "$why" | tail -3 | tr '\n' ' ' | cut -c1-300))"
  fi
}
export -f ragp free_port start_server stop_server status wait_job json
export web ragp_dll root repo

corpus() {
  # corpus DIR N: N small agreements.
  mkdir -p "$1"
  for i in $(seq 1 "$2"); do
    printf 'Agreement %s\n\n1. Term. This agreement runs for %s months from the effective date.\n\n2. Payment. The buyer pays lot %s within thirty days of delivery.\n\n3. Termination. Either party may terminate on ninety days written notice.\n' "$i" "$i" "$i" >"$1/agreement-$i.txt"
  done
}
export -f corpus

# ---------------------------------------------------------------- one writer across processes
cli_beside_server_refused() {
  d="$root/w1"; mkdir -p "$d/in"; corpus "$d/in" 3; port=$(free_port)
  start_server "$d/data" "$port" || { echo "server did not start"; exit 1; }
  out="$(ragp index "$d/in" --collection c --data "$d/data" --json 2>&1)"; rc=$?
  [ $rc -eq 2 ] || { echo "exit $rc: $out"; exit 1; }
  echo "$out" | grep -q "pid $server_pid" || { echo "holder not named: $out"; exit 1; }
  [ "$(status GET "http://127.0.0.1:$port/api/search?q=agreement&collection=c")" = 404 ] || { echo "the CLI wrote beside the server"; exit 1; }
}

cli_hands_job_to_server() {
  d="$root/w2"; mkdir -p "$d/in"; corpus "$d/in" 3; port=$(free_port)
  start_server "$d/data" "$port" Jobs__Roots__0="$d/in" Embedding__Enabled=true || { echo "server did not start"; exit 1; }
  ragp index "$d/in" --collection c --server "http://127.0.0.1:$port" --json >"$d/out.json" 2>"$d/err" || { echo "hand-off failed: $(cat "$d/err")"; exit 1; }
  [ "$(json "$d/out.json" 'd["added"]')" = 3 ] || { echo "not 3 added: $(cat "$d/out.json")"; exit 1; }
  # The server's own dense index (in memory) sees the documents it was handed.
  [ "$(status GET "http://127.0.0.1:$port/api/search?q=termination%20notice&collection=c&pipeline=dense")" = 200 ] || { echo "dense search failed: $(cat "$root/body")"; exit 1; }
  [ "$(json "$root/body" 'len(d["hits"])')" -ge 3 ] || { echo "dense search misses the handed documents"; exit 1; }
}

two_cli_index_runs() {
  d="$root/w3"; corpus "$d/in" 300
  dotnet "$ragp_dll" index "$d/in" --collection c --data "$d/data" --json >"$d/first.json" 2>"$d/first.err" &
  first=$!
  for _ in $(seq 1 600); do grep -q "progress: [1-9]" "$d/first.err" 2>/dev/null && break; sleep 0.1; done
  kill -0 $first 2>/dev/null || { echo "the first run ended before the second started"; exit 1; }
  out="$(ragp index "$d/in" --collection c --data "$d/data" --json 2>&1)"; rc=$?
  [ $rc -eq 2 ] && echo "$out" | grep -q "pid $first" || { echo "second run: exit $rc: $out"; exit 1; }
  wait $first || { echo "first run failed: $(cat "$d/first.err")"; exit 1; }
  [ "$(json "$d/first.json" 'd["added"]')" = 300 ] || { echo "first run: $(cat "$d/first.json")"; exit 1; }
  n="$(ragp search "termination notice" --collection c --top 5 --data "$d/data" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["hits"]))')"
  [ "$n" = 5 ] || { echo "search after the race: $n hits"; exit 1; }
}

second_server_refused() {
  d="$root/w4"; mkdir -p "$d"; port=$(free_port); port2=$(free_port)
  start_server "$d/data" "$port" || { echo "first server did not start"; exit 1; }
  first=$server_pid
  Storage__DataDirectory="$d/data" timeout 120 dotnet "$web" --urls "http://127.0.0.1:$port2" >"$d/second.log" 2>&1; rc=$?
  [ $rc -eq 2 ] || { echo "second server exit $rc"; exit 1; }
  grep -q "pid $first" "$d/second.log" || { echo "holder not named: $(tail -2 "$d/second.log")"; exit 1; }
  [ "$(status GET "http://127.0.0.1:$port/api/health")" = 200 ] || { echo "first server unhealthy after the attempt"; exit 1; }
}

damaged_collection_degraded_and_rebuilt() {
  d="$root/w5"; corpus "$d/a" 2; corpus "$d/b" 2; port=$(free_port)
  ragp index "$d/a" --collection a --data "$d/data" --json >/dev/null 2>&1 && ragp index "$d/b" --collection b --data "$d/data" --json >/dev/null 2>&1 || { echo "setup failed"; exit 1; }
  find "$d/data/indexes/a/bm25" -type f ! -name segments.gen -delete
  start_server "$d/data" "$port" || { echo "server did not start with one damaged collection: $(tail -3 "$d/data.server.log")"; exit 1; }
  [ "$(status GET "http://127.0.0.1:$port/api/health")" = 200 ] && grep -q '"Degraded"' "$root/body" || { echo "health: $(cat "$root/body")"; exit 1; }
  [ "$(status GET "http://127.0.0.1:$port/api/search?q=agreement&collection=a")" = 503 ] && grep -q -- "--rebuild" "$root/body" || { echo "damaged collection: $(cat "$root/body")"; exit 1; }
  [ "$(status GET "http://127.0.0.1:$port/api/search?q=agreement&collection=b")" = 200 ] || { echo "healthy collection not served"; exit 1; }
  stop_server "$server_pid"
  ragp index --rebuild --collection a --data "$d/data" --json >/dev/null 2>"$d/err" || { echo "rebuild failed: $(cat "$d/err")"; exit 1; }
  n="$(ragp search agreement --collection a --data "$d/data" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["hits"]))')"
  [ "$n" -ge 1 ] || { echo "search after rebuild: $n hits"; exit 1; }
}

kill9_recovery_stores_agree() {
  d="$root/w6"; corpus "$d/in" 400
  dotnet "$ragp_dll" index "$d/in" --collection c --data "$d/data" --json >/dev/null 2>"$d/err" &
  pid=$!
  for _ in $(seq 1 600); do grep -q "progress: [1-9]" "$d/err" 2>/dev/null && break; sleep 0.1; done
  kill -9 $pid; wait $pid 2>/dev/null
  ragp index "$d/in" --collection c --data "$d/data" --json >"$d/out.json" 2>/dev/null || { echo "rerun failed"; exit 1; }
  docs="$(sqlite3 "$d/data/ragplatform.db" "select count(*) from Documents where State='Indexed'" 2>/dev/null || echo "?")"
  [ "$docs" = 400 ] || { echo "indexed documents after the crash: $docs"; exit 1; }
  n="$(ragp search "termination" --collection c --top 100 --data "$d/data" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["hits"]))')"
  [ "$n" = 100 ] || { echo "search after the crash: $n hits"; exit 1; }
}

killed_cli_job_not_left_running() {
  d="$root/w7"; corpus "$d/in" 400
  dotnet "$ragp_dll" index "$d/in" --collection c --data "$d/data" --json >/dev/null 2>"$d/err" &
  pid=$!
  for _ in $(seq 1 600); do grep -q "progress: [1-9]" "$d/err" 2>/dev/null && break; sleep 0.1; done
  kill -9 $pid; wait $pid 2>/dev/null
  ragp index "$d/in" --collection c --data "$d/data" --json >/dev/null 2>&1
  running="$(ragp jobs list --data "$d/data" --json | python3 -c 'import json,sys; print(sum(1 for j in json.load(sys.stdin) if j["state"] in ("Running","Queued")))')"
  [ "$running" = 0 ] || { echo "$running job(s) still Running/Queued after their process died"; exit 1; }
}

# ---------------------------------------------------------------- hostile input and bounds
docx_zip_bomb_bounded() {
  d="$root/h1"; mkdir -p "$d/in"; port=$(free_port)
  python3 - "$d/in/bomb.docx" <<'PY'
import sys, zipfile
ct = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
rels = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr("[Content_Types].xml", ct); z.writestr("_rels/.rels", rels)
    with z.open("word/document.xml", "w", force_zip64=True) as f:
        f.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
        para = b'<w:p><w:r><w:t>bomb</w:t></w:r></w:p>' * 20000
        for _ in range(1500): f.write(para)
        f.write(b'</w:body></w:document>')
PY
  printf 'Clause 1. The tenant pays rent.\n' >"$d/in/ok.txt"
  start_server "$d/data" "$port" Jobs__Roots__0="$d/in" || { echo "server did not start"; exit 1; }
  job="$(curl -s -X POST "http://127.0.0.1:$port/api/jobs" -H 'Content-Type: application/json' -d "{\"collection\":\"c\",\"path\":\"$d/in\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["jobId"])')"
  peak=0
  for _ in $(seq 1 600); do
    rss=$(awk '/VmRSS/ {print $2}' /proc/$server_pid/status 2>/dev/null || echo 0); [ "${rss:-0}" -gt "$peak" ] && peak=$rss
    state="$(curl -s "http://127.0.0.1:$port/api/jobs/$job" | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])' 2>/dev/null)"
    case "$state" in Queued|Running|"") sleep 0.5 ;; *) break ;; esac
  done
  kill -0 "$server_pid" 2>/dev/null || { echo "the server died"; exit 1; }
  [ "$state" = PartiallyFailed ] || { echo "job ended $state"; exit 1; }
  [ "$peak" -lt 2000000 ] || { echo "server grew to $((peak / 1024)) MB"; exit 1; }
  curl -s "http://127.0.0.1:$port/api/jobs/$job" | grep -qi "inflate" || { echo "no clear error: $(curl -s "http://127.0.0.1:$port/api/jobs/$job")"; exit 1; }
}

garbage_truncated_encrypted_pdfs_fail_clearly() {
  d="$root/h2"; mkdir -p "$d/in"
  head -c 4096 /dev/urandom >"$d/in/garbage.pdf"
  head -c 20000 "$repo/samples/scotus-transcript-p1.pdf" >"$d/in/truncated.pdf"
  python3 - "$d/in/encrypted.pdf" <<'PY'
import sys
objs = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        "<< /Length 44 >>\nstream\n" + "\u00c7" * 44 + "\nendstream",
        "<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <" + "A" * 64 + "> /U <" + "B" * 64 + "> >>"]
pdf = "%PDF-1.4\n"; offs = []
for i, o in enumerate(objs):
    offs.append(len(pdf)); pdf += f"{i+1} 0 obj\n{o}\nendobj\n"
x = len(pdf); pdf += f"xref\n0 {len(objs)+1}\n0000000000 65535 f \n" + "".join(f"{o:010d} 00000 n \n" for o in offs)
pdf += f"trailer\n<< /Size {len(objs)+1} /Root 1 0 R /Encrypt 5 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] >>\nstartxref\n{x}\n%%EOF\n"
open(sys.argv[1], "wb").write(pdf.encode("latin-1"))
PY
  ragp index "$d/in" --collection c --data "$d/data" --json >"$d/out.json" 2>/dev/null; rc=$?
  [ $rc -eq 1 ] || { echo "exit $rc"; exit 1; }
  python3 - "$d/out.json" <<'PY' || exit 1
import json, sys
errors = {e["path"].rsplit("/", 1)[-1]: e["error"] for e in json.load(open(sys.argv[1]))["errors"]}
want = {"garbage.pdf": "not a PDF", "truncated.pdf": "damaged", "encrypted.pdf": "encrypted"}
bad = [f"{k}: {errors.get(k)}" for k, v in want.items() if v not in (errors.get(k) or "")]
if bad: print("unclear errors:", bad); sys.exit(1)
PY
}

sigterm_stops_a_big_run() {
  d="$root/h3"; mkdir -p "$d/in"
  python3 -c "
import random; random.seed(3); w='party shall deliver goods within days notice agreement breach damages court held statute section'.split()
with open('$d/in/big.txt','w') as f:
    for i in range(400000): f.write(' '.join(random.choice(w) for _ in range(18)) + '.\n' + ('\n' if i % 7 == 0 else ''))
"
  dotnet "$ragp_dll" index "$d/in" --collection c --data "$d/data" --json >/dev/null 2>&1 &
  pid=$!
  sleep 8
  kill -TERM $pid
  for _ in $(seq 1 150); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
  if kill -0 $pid 2>/dev/null; then kill -9 $pid; echo "SIGTERM ignored for over 15 s"; exit 1; fi
}

# ---------------------------------------------------------------- atomic replace
failed_reindex_keeps_v1() {
  d="$root/a1"; mkdir -p "$d/in"; export Embedding__Enabled=true
  printf 'Version one\n\nThe licensee pays royalties quarterly.\n' >"$d/in/doc.txt"
  ragp index "$d/in" --collection c --data "$d/data" --json >/dev/null 2>&1 || { echo "v1 failed"; exit 1; }
  printf 'Version two\n\nThe licensee pays a single lump sum at signing.\n' >"$d/in/doc.txt"
  # A real write failure that root cannot bypass: a folder where the token store writes its next segment.
  [ -d "$d/data/indexes/c/late" ] || { echo "setup: no late-interaction folder"; exit 1; }
  mkdir -p "$d/data/indexes/c/late/seg.tmp/x"
  ragp index "$d/in" --collection c --data "$d/data" --json >"$d/out.json" 2>/dev/null; rc=$?
  rm -rf "$d/data/indexes/c/late/seg.tmp"
  [ $rc -eq 1 ] || { echo "the failed write was not reported as a failed input (exit $rc)"; exit 1; }
  v1="$(ragp search royalties --collection c --pipeline bm25 --data "$d/data" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["hits"]))')"
  v2="$(ragp search "lump sum" --collection c --pipeline bm25 --data "$d/data" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["hits"]))')"
  [ "$v1" = 1 ] && [ "$v2" = 0 ] || { echo "after the failed replace: v1 hits $v1, v2 hits $v2"; exit 1; }
  id="$(ragp docs list --collection c --data "$d/data" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')"
  ragp docs show "$id" --data "$d/data" --json >"$d/doc.json"
  grep -q "latest upload failed" "$d/doc.json" || { echo "no 'latest upload failed' error on the record"; exit 1; }
  grep -q '"state": *"Indexed"' "$d/doc.json" || { echo "v1 not left Indexed"; exit 1; }
  grep -q "Version one" "$d/doc.json" || { echo "the record is not v1's"; exit 1; }
  # With the obstacle gone, the next run replaces it.
  ragp index "$d/in" --collection c --data "$d/data" --json >/dev/null 2>&1 || { echo "the retry failed"; exit 1; }
  v2="$(ragp search "lump sum" --collection c --pipeline bm25 --data "$d/data" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["hits"]))')"
  [ "$v2" = 1 ] || { echo "v2 not served after the retry"; exit 1; }
}

# ---------------------------------------------------------------- web surface (no-key mode)

upload() { curl -s -o "$root/body" -w '%{http_code}' --max-time 60 "$@"; }
export -f upload

cross_origin_upload_refused() {
  b="http://127.0.0.1:$PORT"; printf 'x' >"$root/x.txt"; printf 'Clause. Rent.\n' >"$root/x.txt"
  [ "$(upload -F "files=@$root/x.txt" -H 'Origin: http://attacker.example' "$b/api/collections/c/documents")" = 403 ] || { echo "cross-origin upload: $(cat "$root/body")"; exit 1; }
  [ "$(upload -F "files=@$root/x.txt" -H 'Sec-Fetch-Site: cross-site' "$b/api/collections/c/documents")" = 403 ] || { echo "Sec-Fetch-Site cross-site upload accepted"; exit 1; }
  [ "$(upload -X DELETE -H 'Origin: http://attacker.example' "$b/api/documents/00000000-0000-0000-0000-000000000000")" = 403 ] || { echo "cross-origin delete not refused"; exit 1; }
}

same_origin_upload_accepted() {
  b="http://127.0.0.1:$PORT"; printf 'Clause 9. The landlord repairs the roof.\n' >"$root/roof.txt"
  [ "$(upload -F "files=@$root/roof.txt" "$b/api/collections/c/documents")" = 202 ] || { echo "plain upload: $(cat "$root/body")"; exit 1; }
  [ "$(upload -F "files=@$root/roof.txt" -H "Origin: $b" -H 'Sec-Fetch-Site: same-origin' "$b/api/collections/c/documents")" = 202 ] || { echo "same-origin upload: $(cat "$root/body")"; exit 1; }
}

foreign_host_refused() {
  [ "$(status GET "http://127.0.0.1:$PORT/api/collections" -H 'Host: attacker.example')" = 400 ] || { echo "Host: attacker.example served"; exit 1; }
}

upload_limit_matches_config() {
  b="http://127.0.0.1:$PORT"
  python3 -c "open('$root/big.txt','w').write(('The tenant pays rent. ' * 50 + '\n') * 1100)"   # ~1.2 MB
  # The probe's server runs with Ingestion:MaxFileBytes=1000000 (see below): a 1.2 MB file is refused with 413.
  [ "$(upload -F "files=@$root/big.txt" "$b/api/collections/c/documents")" = 413 ] || { echo "over-limit upload: $(cat "$root/body")"; exit 1; }
  grep -q "MaxFileBytes" "$root/body" || { echo "413 does not name the setting: $(cat "$root/body")"; exit 1; }
}

job_paths_restricted() {
  b="http://127.0.0.1:$PORT"
  [ "$(status POST "$b/api/jobs" -H 'Content-Type: application/json' -d '{"collection":"c","path":"/etc"}')" = 403 ] || { echo "job outside the roots: $(cat "$root/body")"; exit 1; }
  [ "$(status POST "$b/api/jobs" -H 'Content-Type: application/json' -d "{\"collection\":\"c\",\"path\":\"$DATA/uploads\"}")" = 403 ] || { echo "job over uploads/: $(cat "$root/body")"; exit 1; }
  [ "$(status POST "$b/api/jobs" -H 'Content-Type: application/json' -d "{\"collection\":\"c\",\"path\":\"$INPUTS\"}")" = 202 ] || { echo "job inside the roots: $(cat "$root/body")"; exit 1; }
}

not_found_is_problem_json_whatever_accept() {
  b="http://127.0.0.1:$PORT"
  [ "$(status GET "$b/api/documents/00000000-0000-0000-0000-000000000000" -H 'Accept: text/html')" = 404 ] || { echo "404 with Accept text/html: $(head -c 200 "$root/body")"; exit 1; }
  grep -q '"detail"' "$root/body" || { echo "no ProblemDetails body"; exit 1; }
  [ "$(status POST "$b/api/ask" -H 'Accept: text/event-stream' -H 'Content-Type: application/json' -d '{"question":"who pays?","collection":"nosuch"}')" = 404 ] || { echo "streaming ask on a missing collection: $(head -c 200 "$root/body")"; exit 1; }
}

malformed_requests_are_4xx_with_detail() {
  b="http://127.0.0.1:$PORT"
  s="$(status POST "$b/api/collections/c/documents" -H 'Content-Type: multipart/form-data; boundary=xyz' --data-binary 'garbage without a boundary')"
  [ "$s" = 400 ] || { echo "malformed multipart: $s"; exit 1; }
  name="$(python3 -c 'print("契" * 200 + ".txt")')"
  printf 'Clause. Rent.\n' >"$root/cjk.txt"
  s="$(upload -F "files=@$root/cjk.txt;filename=$name" "$b/api/collections/c/documents")"
  [ "$s" = 400 ] || { echo "604-byte file name: $s"; exit 1; }
  s="$(status POST "$b/api/ask" -H 'Content-Type: application/json' -d '{"question": "who pays", ')"
  [ "$s" = 400 ] && python3 -c "import json; d=json.load(open('$root/body')); assert d.get('detail')" 2>/dev/null || { echo "malformed JSON: $s $(cat "$root/body")"; exit 1; }
}

bad_uploads_refused_and_nothing_stays_queued() {
  b="http://127.0.0.1:$PORT"
  printf 'MZ binary' >"$root/tool.exe"; : >"$root/empty.txt"
  [ "$(upload -F "files=@$root/tool.exe" "$b/api/collections/q/documents")" = 415 ] || { echo "unsupported type: $(cat "$root/body")"; exit 1; }
  [ "$(upload -F "files=@$root/empty.txt" "$b/api/collections/q/documents")" = 400 ] || { echo "empty file: $(cat "$root/body")"; exit 1; }
  sleep 3
  curl -s "$b/api/collections/q/documents" | python3 -c 'import json,sys; d=json.load(sys.stdin); docs=d if isinstance(d,list) else d.get("documents",[]); sys.exit(1 if any(x["state"] in ("Queued","Indexing") for x in docs) else 0)' || { echo "a document stayed Queued"; exit 1; }
}

uploads_deleted_after_index() {
  b="http://127.0.0.1:$PORT"; printf 'Clause 4. The guarantor answers for the debt.\n' >"$root/guarantee.txt"
  [ "$(upload -F "files=@$root/guarantee.txt" "$b/api/collections/u/documents")" = 202 ] || { echo "upload failed"; exit 1; }
  job="$(json "$root/body" 'd["jobId"]')"
  [ "$(wait_job "$b" "$job")" = Succeeded ] || { echo "upload job did not succeed"; exit 1; }
  left="$(find "$DATA/uploads" -type f 2>/dev/null | wc -l)"
  [ "$left" = 0 ] || { echo "$left uploaded file(s) kept after indexing"; exit 1; }
  id="$(curl -s "$b/api/collections/u/documents" | python3 -c 'import json,sys; d=json.load(sys.stdin); docs=d if isinstance(d,list) else d["documents"]; print(docs[0]["id"])')"
  [ "$(status GET "$b/api/documents/$id/file")" = 200 ] || { echo "the original file is not served from the file store"; exit 1; }
}

escaped_snippets() {
  b="http://127.0.0.1:$PORT"; printf 'Clause 7. <script>alert(1)</script> The seller warrants title.\n' >"$root/xss.txt"
  [ "$(upload -F "files=@$root/xss.txt" "$b/api/collections/x/documents")" = 202 ] || { echo "upload failed"; exit 1; }
  wait_job "$b" "$(json "$root/body" 'd["jobId"]')" >/dev/null
  html="$(curl -s "$b/search?q=warrants%20title&collection=x")"
  echo "$html" | grep -q '<script>alert(1)' && { echo "raw script tag in the search page"; exit 1; }
  exit 0
}

hostile_queries_are_400_not_500() {
  b="http://127.0.0.1:$PORT"
  [ "$(status GET "$b/api/search?q=rent&collection=../../etc")" = 400 ] || { echo "traversal collection name: $(cat "$root/body")"; exit 1; }
  [ "$(status GET "$b/api/search?q=rent&collection=c&top=100000")" = 400 ] || { echo "huge top accepted"; exit 1; }
  long="$(python3 -c 'print("rent " * 20000)')"
  s="$(status GET "$b/api/search?collection=c" --get --data-urlencode "q=$long")"
  case "$s" in 400|414|431) ;; *) echo "100,000-char query: $s $(head -c 200 "$root/body")"; exit 1 ;; esac
  s="$(status GET "$b/api/search?collection=c" --get --data-urlencode 'q=title:( AND OR "unclosed ~^ \\')"; [ "$s" = 200 ] || [ "$s" = 404 ] || { echo "Lucene syntax query: $s"; exit 1; }
}

# ---------------------------------------------------------------- keys and scopes

scoped_admin_jobs() {
  b="http://127.0.0.1:$KPORT"
  [ "$(status POST "$b/api/jobs" -H 'X-Api-Key: admin-everything-0123456789' -H 'Content-Type: application/json' -d "{\"collection\":\"a\",\"path\":\"$KINPUTS\"}")" = 202 ] || { echo "full admin job: $(cat "$root/body")"; exit 1; }
  wait_job "$b" "$(json "$root/body" 'd["jobId"]')" admin-everything-0123456789 >/dev/null
  n="$(curl -s -H 'X-Api-Key: admin-only-b-0123456789' "$b/api/jobs" | python3 -c 'import json,sys; print(sum(1 for j in json.load(sys.stdin) if j["collection"] != "b"))')"
  [ "$n" = 0 ] || { echo "admin of b lists $n job(s) of other collections"; exit 1; }
  s="$(status POST "$b/api/jobs" -H 'X-Api-Key: admin-only-b-0123456789' -H 'Content-Type: application/json' -d "{\"collection\":\"a\",\"path\":\"$KINPUTS\"}")"
  [ "$s" = 403 ] || [ "$s" = 404 ] || { echo "admin of b created a job into a: $s"; exit 1; }
  s="$(status POST "$b/api/jobs" -H 'X-Api-Key: admin-only-b-0123456789' -H 'Content-Type: application/json' -d "{\"collection\":\"b\",\"path\":\"$KDATA/uploads\"}")"
  [ "$s" = 403 ] || { echo "admin of b indexed the uploads folder: $s"; exit 1; }
}

scoped_reader_cannot_read_other_collections() {
  b="http://127.0.0.1:$KPORT"
  id="$(curl -s -H 'X-Api-Key: admin-everything-0123456789' "$b/api/collections/a/documents" | python3 -c 'import json,sys; d=json.load(sys.stdin); docs=d if isinstance(d,list) else d["documents"]; print(docs[0]["id"])')"
  [ -n "$id" ] || { echo "setup: no document in a"; exit 1; }
  for route in "api/documents/$id" "api/documents/$id/text?start=0&end=10" "api/documents/$id/file" "api/search?q=secret&collection=a"; do
    s="$(status GET "$b/$route" -H 'X-Api-Key: reader-only-b-0123456789')"
    [ "$s" = 404 ] || [ "$s" = 403 ] || { echo "reader of b got $s on /$route"; exit 1; }
  done
  [ "$(status GET "$b/api/collections" -H 'X-Api-Key: wrong-key-0123456789abc')" = 401 ] || { echo "unknown key not 401"; exit 1; }
  [ "$(upload -F "files=@$root/x.txt" -H 'X-Api-Key: reader-only-b-0123456789' "$b/api/collections/b/documents")" = 403 ] || { echo "reader uploaded"; exit 1; }
}

injection_tests() {
  # The chat path needs a model endpoint; its checks are the planted-claim tests, run for real here.
  cd "$repo" && timeout 900 dotnet test tests/RagPlatform.Tests -c Release --no-build --filter "FullyQualifiedName~Injection" 2>&1 | grep -E "Passed!|Failed!" | grep -q "Passed!" || { echo "the planted-claim tests failed"; exit 1; }
}

export -f corpus upload
check "one writer: ragp index beside a running server is refused, naming it" cli_beside_server_refused
check "one writer: ragp index --server hands the job to the server (its dense search sees it)" cli_hands_job_to_server
check "one writer: two ragp index runs at once, the second refused, the first complete" two_cli_index_runs
check "one writer: a second server on a live data directory refuses to start" second_server_refused
check "damaged collection: server starts, health Degraded, 503 there, others served, --rebuild repairs" damaged_collection_degraded_and_rebuilt
check "kill -9 mid-index then rerun: database and indexes agree" kill9_recovery_stores_agree
check "a CLI job killed with -9 does not stay Running" killed_cli_job_not_left_running
check "DOCX zip bomb: job ends with a clear error, server alive and under 2 GB" docx_zip_bomb_bounded
check "garbage, truncated and encrypted PDFs fail with clear errors" garbage_truncated_encrypted_pdfs_fail_clearly
check "SIGTERM stops a 30 MB text run within 15 s" sigterm_stops_a_big_run
check "a re-index whose index write fails keeps v1 served with the error" failed_reindex_keeps_v1

group=web
if [ -z "$filter" ] || [ "$filter" = web ]; then
  d="$root/web"; mkdir -p "$d/in"; printf 'Clause 1. The tenant pays rent monthly.\n' >"$d/in/lease.txt"
  PORT=$(free_port)
  if start_server "$d/data" "$PORT" Jobs__Roots__0="$d/in" Ingestion__MaxFileBytes=1000000; then
    export PORT DATA="$d/data" INPUTS="$d/in"
    check "no-key mode: cross-origin and cross-site writes get 403" cross_origin_upload_refused
    check "no-key mode: plain and same-origin uploads are accepted" same_origin_upload_accepted
    check "a foreign Host header is refused (DNS rebinding)" foreign_host_refused
    check "the upload limit is Ingestion:MaxFileBytes, with a 413 naming it" upload_limit_matches_config
    check "job paths are restricted to Jobs:Roots; never the uploads folder" job_paths_restricted
    check "a 404 is ProblemDetails whatever Accept says (html, event-stream)" not_found_is_problem_json_whatever_accept
    check "malformed multipart, a 604-byte file name and malformed JSON get 400 with detail" malformed_requests_are_4xx_with_detail
    check "unsupported and empty uploads are refused; nothing stays Queued" bad_uploads_refused_and_nothing_stays_queued
    check "uploads are deleted once indexed; the original is served from the file store" uploads_deleted_after_index
    check "snippets are escaped in the UI" escaped_snippets
    check "hostile queries (traversal names, huge top, 100,000 chars, Lucene syntax) get 4xx, never 500" hostile_queries_are_400_not_500
  else
    failed=$((failed + 1)); echo "failed: the no-key server did not start"
  fi
fi

group=keys
if [ -z "$filter" ] || [ "$filter" = keys ]; then
  d="$root/keys"; mkdir -p "$d/in"; printf 'Clause 2. Secret terms of collection a.\n' >"$d/in/secret.txt"
  KPORT=$(free_port)
  if start_server "$d/data" "$KPORT" Jobs__Roots__0="$d/in" \
      Auth__Keys__0__Key=admin-everything-0123456789 Auth__Keys__0__Role=admin \
      Auth__Keys__1__Key=admin-only-b-0123456789 Auth__Keys__1__Role=admin Auth__Keys__1__Collections__0=b \
      Auth__Keys__2__Key=reader-only-b-0123456789 Auth__Keys__2__Role=reader Auth__Keys__2__Collections__0=b; then
    printf 'Clause. Rent.\n' >"$root/x.txt"
    export KPORT KDATA="$d/data" KINPUTS="$d/in"
    check "keys: an admin scoped to b sees and writes only b's jobs, never uploads/" scoped_admin_jobs
    check "keys: a reader scoped to b cannot read a's documents, text, file or search; bad keys 401" scoped_reader_cannot_read_other_collections
  else
    failed=$((failed + 1)); echo "failed: the keyed server did not start"
  fi
fi

group=""
check "injection: planted instructions do not support citations (tests run for real)" injection_tests

echo "$held held, $failed failed"
[ "$failed" -eq 0 ]
