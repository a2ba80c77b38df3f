#!/usr/bin/env bash
# Runs every test of the solution (GPU tests are filtered out: CI has no GPU) and prints one closing line
# "N passed, N failed". Needs the .NET 10 SDK; installs the Debian packages the tests drive
# (chromium, poppler-utils, tesseract-ocr, tesseract-ocr-eng) when they are missing.
# With RAGP_TEST_POSTGRES=1 (always in .ci/run), or when a PostgreSQL is installed (RAGP_TEST_POSTGRES=0 turns it
# off), it also starts a throwaway PostgreSQL cluster and runs the storage, jobs and API suites again against it,
# with the tests that need PostgreSQL (Category=Postgres: several workers); it installs Debian's postgresql when
# RAGP_TEST_POSTGRES=1 and none is found.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (https://dot.net); it was not found on PATH." >&2
  exit 2
fi

# The browser tests drive Debian's chromium; the OCR tests render scanned pages with poppler's pdftoppm and read
# them with tesseract (English). Install whichever is missing.
source scripts/deps.sh
source scripts/postgres.sh
ensure_debian_packages require chromium:chromium poppler-utils:pdftoppm tesseract-ocr:tesseract
if ! tesseract --list-langs 2>/dev/null | grep -qx eng; then
  ensure_debian_packages require tesseract-ocr-eng:__tesseract_eng_missing__
fi
ensure_word_list  # soft: only the PDF bench's unknown-word count needs it

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
postgres="${RAGP_TEST_POSTGRES:-}"
if [ -z "$postgres" ]; then
  find_postgres && postgres=1 || postgres=0
fi
if [ "$postgres" = "1" ]; then
  ensure_postgres
fi

log="$(mktemp)"
trap 'rm -f "$log"; stop_test_postgres' EXIT

dotnet build RagPlatform.sln -c Release -nologo -v quiet
set +e
# The SQLite run: everything but the GPU tests and the tests that need PostgreSQL.
env -u RAGP_TEST_POSTGRES_CONNECTION dotnet test RagPlatform.sln -c Release --no-build -nologo \
  --filter "Category!=Gpu&Category!=Postgres" \
  --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# The PostgreSQL run: the storage, jobs and API suites again (their fixtures read RAGP_TEST_POSTGRES_CONNECTION and
# give each store a database of its own), plus the several-workers tests.
if [ "$postgres" = "1" ]; then
  start_test_postgres
  dotnet test tests/RagPlatform.Tests/RagPlatform.Tests.csproj -c Release --no-build -nologo \
    --filter "FullyQualifiedName~RagPlatform.Tests.Storage.JobStoreTests|FullyQualifiedName~RagPlatform.Tests.Storage.JobLeaseTests|FullyQualifiedName~RagPlatform.Tests.Storage.DocumentStoreTests|FullyQualifiedName~RagPlatform.Tests.Storage.UnicodeTests|FullyQualifiedName~RagPlatform.Tests.Storage.FileStoreSidecarTests" \
    --logger "console;verbosity=normal" 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" = "0" ] || status=1
  dotnet test tests/RagPlatform.Web.Tests/RagPlatform.Web.Tests.csproj -c Release --no-build -nologo \
    --filter "FullyQualifiedName~RagPlatform.Web.Tests.Api|FullyQualifiedName~RagPlatform.Web.Tests.Workers|Category=Postgres" \
    --logger "console;verbosity=normal" 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" = "0" ] || status=1
  stop_test_postgres
fi
set -e

# Sum the per-project summaries ("Total tests: 52" followed by "Passed: 50" / "Failed: 2") into one closing line.
awk '/^Total tests: [0-9]+/ { block = 1; next }
     block && /^ +Passed: [0-9]+/ { p += $2; next }
     block && /^ +Failed: [0-9]+/ { f += $2; next }
     /^ +Total time:/ { block = 0 }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
exit "$status"
