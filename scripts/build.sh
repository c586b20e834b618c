#!/usr/bin/env bash
# Build the site into site/ (strict: any warning or content error fails). `--serve` previews it instead.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh build
if [ "${1:-}" = "--serve" ]; then
  shift
  exec .venv/bin/mkdocs serve --strict "$@"
fi
.venv/bin/python -m macros check
.venv/bin/mkdocs build --strict --clean "$@"
