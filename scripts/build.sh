#!/usr/bin/env bash
# Build the site into site/ (strict: any warning or content error fails). `--serve` previews it instead.
# `--engine zensical` builds (or with --serve, previews) the same handbook with Zensical instead of MkDocs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh build
engine=mkdocs
if [ "${1:-}" = "--engine" ]; then
  engine="${2:?--engine needs mkdocs or zensical}"
  shift 2
fi
case "$engine" in
  mkdocs)
    if [ "${1:-}" = "--serve" ]; then
      shift
      exec .venv/bin/mkdocs serve --strict "$@"
    fi
    .venv/bin/python -m macros check
    .venv/bin/mkdocs build --strict --clean "$@"
    ;;
  zensical)
    # The plan is written into build/zensical/ (never docs/), and Zensical runs on that folder.
    if [ "${1:-}" = "--serve" ]; then
      shift
      exec .venv/bin/python -m macros.zensical_edge serve "$@"
    fi
    .venv/bin/python -m macros check
    .venv/bin/python -m macros.zensical_edge build "$@"
    ;;
  *)
    echo "build.sh: --engine expects mkdocs or zensical, received '$engine'" >&2
    exit 2
    ;;
esac
