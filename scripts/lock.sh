#!/usr/bin/env bash
# Re-lock the whole dependency tree with hashes after a change to requirements.txt or
# requirements-test.txt: requirements-test.lock first, then requirements.lock within it (so the build and
# the tests get the same versions). The next scripts/setup.sh installs the new locks.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh test
uv=(.venv/bin/uv pip compile --python .venv/bin/python --generate-hashes --quiet --custom-compile-command "bash scripts/lock.sh")
"${uv[@]}" requirements-test.txt -o requirements-test.lock
"${uv[@]}" requirements.txt --constraint requirements-test.lock -o requirements.lock
echo "Locked: $(grep -c '==' requirements.lock) packages for the build, $(grep -c '==' requirements-test.lock) for the tests."
