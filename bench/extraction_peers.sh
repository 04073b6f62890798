#!/usr/bin/env bash
# Main-text extraction beside its peers, in one run, on one core each:
#   bench/extraction_peers.sh BUILD_DIR BENCHMARK_DIR [PASSES]
# beautyidx (extraction_bench), readability-lxml (Debian python3-readability) and
# Readability.js 0.6 with jsdom 27.0 (npm, pinned in bench/peers/package.json). Prints F1 by
# the benchmark's metric and median pages/s for each.
set -euo pipefail
build=${1:?build dir}; bench=${2:?benchmark dir}; passes=${3:-5}
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
if ! /usr/bin/python3 -c 'import readability' 2>/dev/null; then
  echo "installing python3-readability" >&2
  ${SUDO:-} apt-get install -y -qq python3-readability >/dev/null
fi
if [[ ! -d "$here/peers/node_modules/jsdom" ]]; then
  (cd "$here/peers" && npm install --no-audit --no-fund --silent)
fi
taskset -c 0 /usr/bin/python3 "$here/peers/readability_lxml.py" "$bench" "$out/lxml" "$passes"
taskset -c 0 node "$here/peers/readability_js.mjs" "$bench" "$out/js" "$passes"
taskset -c 0 "$build/bench/extraction_bench" "$bench" --passes "$passes" \
  --score "$out/lxml" readability-lxml --score "$out/js" readability.js
