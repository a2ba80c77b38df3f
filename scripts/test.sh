#!/usr/bin/env bash
# Runs every test of the solution (GPU tests are filtered out: CI has no GPU) and prints one closing line
# "N passed, N failed". Needs the .NET 10 SDK; installs the Debian packages the tests drive
# (chromium, poppler-utils, tesseract-ocr, tesseract-ocr-eng) when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (https://dot.net); it was not found on PATH." >&2
  exit 2
fi

# The browser tests drive Debian's chromium; the OCR tests render scanned pages with poppler's pdftoppm and read
# them with tesseract (English). Install whichever is missing.
source scripts/deps.sh
ensure_debian_packages require chromium:chromium poppler-utils:pdftoppm tesseract-ocr:tesseract
if ! tesseract --list-langs 2>/dev/null | grep -qx eng; then
  ensure_debian_packages require tesseract-ocr-eng:__tesseract_eng_missing__
fi
ensure_word_list  # soft: only the PDF bench's unknown-word count needs it

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

dotnet build RagPlatform.sln -c Release -nologo -v quiet
set +e
dotnet test RagPlatform.sln -c Release --no-build -nologo \
  --filter "Category!=Gpu" \
  --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Sum the per-project summaries ("Total tests: 52" followed by "Passed: 50" / "Failed: 2") into one closing line.
awk '/^Total tests: [0-9]+/ { block = 1; next }
     block && /^ +Passed: [0-9]+/ { p += $2; next }
     block && /^ +Failed: [0-9]+/ { f += $2; next }
     /^ +Total time:/ { block = 0 }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
exit "$status"
