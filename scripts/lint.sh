#!/usr/bin/env bash
# Lint, format and type checks of the Python package, tests and benchmarks and of the planner's
# JavaScript; .ci/run runs it before the tests. Every check runs; any failure fails the script.
# To fix what the formatter and the fixable rules find: .venv/bin/ruff check --fix . && .venv/bin/ruff format .
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh test
failed=()
step() {
  echo "== $*"
  "$@" || failed+=("$*")
}
step .venv/bin/ruff check .
step .venv/bin/ruff format --check .
step .venv/bin/mypy
step node_modules/.bin/eslint docs/assets/planner tests/js
for module in docs/assets/planner/*.js tests/js/*.mjs; do
  node --check "$module" || failed+=("node --check $module")
done
if [ ${#failed[@]} -gt 0 ]; then
  printf "Lint failed:\n" >&2; printf "  %s\n" "${failed[@]}" >&2
  exit 1
fi
echo "Lint, format and types: clean."
