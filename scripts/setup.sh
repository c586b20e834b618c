#!/usr/bin/env bash
# Set-up shared by build.sh and test.sh: a virtual environment with the pinned packages, our package
# installed in it, and (for tests) Debian's Chromium and Node.js. Safe to run again: it skips what is done.
set -euo pipefail
cd "$(dirname "$0")/.."

want="${1:-build}"
python="${PYTHON:-python3}"
venv=.venv
# The locks pin the whole tree with hashes; requirements*.txt are their inputs (CONTRIBUTING.md: re-locking).
requirements=requirements.lock
[ "$want" = test ] && requirements=requirements-test.lock

# Debian packages, installed once in one apt-get run when any is missing.
#  - PyICU (Finnish collation) compiles against ICU: the headers, pkg-config and a C++ compiler.
#  - Finnish morphology for the search index (macros/finnish.py), needed by every build: Voikko and its
#    Finnish dictionary (the libvoikko binding in requirements.txt loads them).
#  - For tests: Chromium, Node.js, and the only fonts the test Chromium prints with, the files
#    tests/fonts/fonts.conf names (fonts-dejavu-core).
missing=()
[ -e /usr/include/unicode/coll.h ] || missing+=(libicu-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
dpkg -s libvoikko1 >/dev/null 2>&1 || missing+=(libvoikko1)
dpkg -s voikko-fi >/dev/null 2>&1 || missing+=(voikko-fi)
if [ "$want" = test ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
  for font in $(grep -o '<glob>/[^<*]*\.ttf</glob>' tests/fonts/fonts.conf | sed 's/<[^>]*>//g'); do
    [ -f "$font" ] || { missing+=(fonts-dejavu-core); break; }
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
stamp="$venv/.installed-$(cat "$requirements" pyproject.toml | sha256sum | cut -c1-16)-$want"
if [ ! -f "$stamp" ]; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes -r "$requirements"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
  touch "$stamp"
fi
# Bytecode for our package, as pip writes it for the installed ones: an editable install leaves none, and
# where PYTHONDONTWRITEBYTECODE is set every build would compile macros/ again. Up-to-date files are skipped.
"$venv/bin/python" -m compileall -q macros >/dev/null

if [ "$want" = test ]; then
  # The JavaScript linter, exactly as package-lock.json pins it (integrity hashes included).
  npm_stamp="node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)"
  if [ ! -f "$npm_stamp" ]; then
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
    touch "$npm_stamp"
  fi
fi

# Material prints a banner about MkDocs 2 unless this is set; every script sources this file.
export NO_MKDOCS_2_WARNING=1
# Reproducible builds: the sitemap's dates come from the last commit, not the clock (macros/publish.py
# does the same when run on its own), so the same commit always gives the same bytes.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"
