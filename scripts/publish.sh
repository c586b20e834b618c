#!/usr/bin/env bash
# Publish safely: build into a temporary directory next to the target (strict), check the result (every
# page lang="fi", images with alt text, nothing loaded from another host), then swap it into place with one
# atomic rename. On any failure the served directory stays exactly as it was.
#   bash scripts/publish.sh                    # → site/
#   bash scripts/publish.sh /srv/www/verme     # → the directory the web server serves
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh build
.venv/bin/python -m macros check
exec .venv/bin/python -m macros.publish site "$@"
