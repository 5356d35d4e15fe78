#!/usr/bin/env bash
# Everything the tests need, then the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
. .venv/bin/activate
python -m pytest -q -p no:cacheprovider "$@"
