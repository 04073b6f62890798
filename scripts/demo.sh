#!/usr/bin/env bash
# The main job: install what is missing, build (Release), serve the bundled sample blog over
# real HTTP on a loopback port, crawl and index it, print answers to three sample questions,
# then serve the API on http://127.0.0.1:${PORT:-8080} until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build_dir=${BEAUTYIDX_BUILD_DIR:-build-release}
db=${BEAUTYIDX_DB:-demo-db}
port=${PORT:-8080}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBEAUTYIDX_BUILD_TESTS=OFF -DBEAUTYIDX_BUILD_BENCH=OFF >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)" --target beautyidx beautyidx-site
bin="$build_dir/app/beautyidx"

# The sample blog on a free loopback port, for as long as this script runs.
site_log=$(mktemp)
"$build_dir/testing/beautyidx-site" data/sample-blog > "$site_log" &
site_pid=$!
trap 'kill $site_pid 2>/dev/null || true; rm -f "$site_log"' EXIT
for _ in $(seq 50); do [[ -s "$site_log" ]] && break; sleep 0.1; done
origin=$(head -n1 "$site_log")
echo "== sample blog served at $origin"

rm -rf "$db"
echo "== crawling $origin/ into $db"
"$bin" crawl "$origin/" --db "$db" --delay-ms 0
"$bin" stats --db "$db"
for question in 'de-puffing under $50' 'microcurrent under $400' 'what do dermatologists say about facial exercises'; do
  echo
  echo "== $question"
  if [[ "$question" == what* ]]; then
    "$bin" search "$question" --db "$db" --limit 3
  else
    "$bin" recommend "$question" --db "$db" --limit 5
  fi
done
echo
echo "== serving the API on http://127.0.0.1:$port/ (Ctrl-C to stop); try:"
echo "   curl 'http://127.0.0.1:$port/api/v1/recommend?q=de-puffing%20under%20%2450'"
"$bin" serve --db "$db" --host 127.0.0.1 --port "$port"
