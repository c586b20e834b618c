#!/usr/bin/env bash
# The offline bundle for a shared drive: the site built with Material's offline plugin (pages open from
# file://, search and planner included), checked, and packed as a reproducible zip.
#   bash scripts/offline.sh                          # → dist/verme-kasikirja.zip
#   bash scripts/offline.sh /polku/verme.zip
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh build
.venv/bin/python -m macros check
exec .venv/bin/python -m macros.publish offline "$@"
