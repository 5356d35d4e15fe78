#!/usr/bin/env bash
# The main job on the bundled sample corpus, in an embedded DuckDB file.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. .venv/bin/activate
DB=${DRAGOMAN_DB:-out/sample.duckdb}
mkdir -p out
dragoman ingest examples/corpus examples/feeds --db "$DB" || echo "(some inputs could not be read: see 'dragoman errors --db $DB')"
dragoman stats --db "$DB"
dragoman events --db "$DB" --dyad TUR:IRN --limit 15
dragoman dyad TUR ISR --db "$DB" --freq year
dragoman export --db "$DB" --format csv -o out/events.csv
dragoman export --db "$DB" --format jsonl -o out/events.jsonl
dragoman export --db "$DB" --format parquet -o out/events.parquet
