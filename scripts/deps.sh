#!/usr/bin/env bash
# Sourced by test.sh and start.sh. ensure_debian_packages MODE PKG:PROGRAM...: for each PROGRAM missing from PATH,
# installs its Debian PKG (apt-get, as root). MODE "require" stops with exit 2 when a package cannot be installed;
# MODE "warn" prints what is missing and what it costs, and carries on.
ensure_debian_packages() {
  local mode="$1"; shift
  local missing=() pair pkg program
  for pair in "$@"; do
    pkg="${pair%%:*}"; program="${pair#*:}"
    command -v "$program" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    echo "Installing ${missing[*]}..." >&2
    if DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
      || { apt-get update >/dev/null 2>&1 \
           && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; }; then
      return 0
    fi
  fi
  if [ "$mode" = "require" ]; then
    echo "Missing Debian packages: ${missing[*]} (apt-get install ${missing[*]}, as root)." >&2
    exit 2
  fi
  echo "Note: ${missing[*]} not installed; scanned PDF pages will be indexed without OCR text (apt-get install ${missing[*]})." >&2
}

# ensure_word_list: the system word list (/usr/share/dict/words, Debian wamerican) that `ragp bench --pdfs` counts
# unknown words against. Soft: installed when it can be, otherwise the bench reports no unknown-word figure.
ensure_word_list() {
  [ -f /usr/share/dict/words ] && return 0
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wamerican >/dev/null 2>&1 \
      || { apt-get update >/dev/null 2>&1 \
           && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wamerican >/dev/null 2>&1; } \
      && return 0
  fi
  echo "Note: wamerican not installed; ragp bench --pdfs reports no unknown-word count (apt-get install wamerican)." >&2
  return 0
}
