#!/usr/bin/env bash
# Starts RagPlatform (REST API + indexing worker) on http://127.0.0.1:5180. On first start, with an empty data
# directory, it indexes samples/ into the collection "samples". Needs only the .NET 10 SDK.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required (https://dot.net); it was not found on PATH." >&2
  exit 2
fi

# Scanned PDF pages are read by OCR (poppler's pdftoppm, tesseract); without them the platform runs and says so.
source scripts/deps.sh
ensure_debian_packages warn poppler-utils:pdftoppm tesseract-ocr:tesseract

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
root="$(pwd)"
# dotnet run starts the server in the project folder: name the data directory and the samples by absolute path.
exec dotnet run --project web/RagPlatform.Web -c Release -- \
  --Storage:DataDirectory="${RAGP_DATA:-$root/data}" --Samples:Path="$root/samples" "$@"
