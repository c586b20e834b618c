#!/usr/bin/env bash
# Refresh the vendored iframe-worker shim from its npm package (npm checks the tarball's integrity).
# The site must load nothing from another host, so the file is committed, not fetched at build time.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:-1.0.4}"
target=docs/assets/vendor/iframe-worker
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "iframe-worker@$version" >/dev/null && tar xzf "iframe-worker-$version.tgz")
cp "$work/package/shim/index.js" "$target/shim.js"
cp "$work/package/LICENSE" "$target/LICENSE"
echo "iframe-worker $version: $(sha256sum "$target/shim.js" | cut -d' ' -f1)"
echo "Update $target/SOURCE.txt (version, integrity: npm view iframe-worker@$version dist.integrity, sha256)."
