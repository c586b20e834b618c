#!/usr/bin/env bash
# Run every test: unit, golden error messages, real MkDocs builds, and browser tests in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh test
exec .venv/bin/python -m pytest "$@"
