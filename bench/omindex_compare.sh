#!/usr/bin/env bash
# Whole-pipeline indexing throughput beside Xapian's own indexer, in one run, on one core each:
#   bench/omindex_compare.sh BUILD_DIR BENCHMARK_DIR [RUNS] [CPUS]
# The public article-extraction benchmark's pages (BENCHMARK_DIR/html/*.html.gz, or *.html) are
# decompressed to a temp folder of .html files; then, RUNS times each (default 3), alternating,
# into a fresh database every time, pinned to CPU 0 (CPUS, default 0; "all" pins nothing, so
# beautyidx extracts on every core while omindex, single-threaded, uses one):
#   omindex --db DB --url / FOLDER                                   (Debian xapian-omega)
#   BUILD_DIR/app/beautyidx ingest FOLDER --db DB2 --base-url https://bench.example/
# and prints the median pages/s of each and their ratio. The two do different amounts of work
# per page: omindex parses the HTML and indexes all of its text into one Xapian database;
# beautyidx extracts the main text, quotes, products, concerns and techniques, and writes
# RocksDB records (the raw page included) and Xapian documents. Wall time includes process start;
# CPU time (user + system) is printed too, as it does not depend on what else the machine runs.
set -euo pipefail
build=${1:?usage: omindex_compare.sh BUILD_DIR BENCHMARK_DIR [RUNS] [CPUS]}
bench=${2:?usage: omindex_compare.sh BUILD_DIR BENCHMARK_DIR [RUNS] [CPUS]}
runs=${3:-3}
cpus=${4:-0}
pin=(taskset -c "$cpus")
[[ $cpus == all ]] && pin=()
beautyidx="$build/app/beautyidx"
[[ -x "$beautyidx" ]] || { echo "omindex_compare: no $beautyidx (build the beautyidx target)" >&2; exit 2; }
if ! command -v omindex >/dev/null; then
  echo "installing xapian-omega" >&2
  ${SUDO:-} apt-get install -y -qq xapian-omega >/dev/null
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir "$out/pages"
shopt -s nullglob
for f in "$bench"/html/*.html.gz; do
  gzip -dc "$f" > "$out/pages/$(basename "${f%.gz}")"
done
for f in "$bench"/html/*.html; do cp "$f" "$out/pages/"; done
pages=$(find "$out/pages" -name '*.html' | wc -l)
bytes=$(cat "$out"/pages/*.html | wc -c)
[[ $pages -gt 0 ]] || { echo "omindex_compare: no pages in $bench/html" >&2; exit 1; }

# "WALL CPU" seconds of one command (CPU = user + system, which other load on the machine
# does not inflate), its output kept in $out/last.log.
time_it() {
  local TIMEFORMAT='%R %U %S'
  { time "$@" > "$out/last.log" 2>&1; } 2> "$out/time"
  awk '{ printf "%.4f %.4f\n", $1, $2 + $3 }' "$out/time"
}

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

omindex_wall=(); omindex_cpu=(); beautyidx_wall=(); beautyidx_cpu=()
for ((run = 1; run <= runs; run++)); do
  rm -rf "$out/omega" "$out/bidx"
  read -r wall cpu < <(time_it "${pin[@]}" omindex --db "$out/omega" --url / "$out/pages")
  omindex_wall+=("$wall"); omindex_cpu+=("$cpu")
  omindex_docs=$(xapian-delve "$out/omega" 2>/dev/null | awk -F'= ' '/number of documents/ { print $2 }')
  read -r wall cpu < <(time_it "${pin[@]}" "$beautyidx" ingest "$out/pages" --db "$out/bidx" --base-url https://bench.example/)
  beautyidx_wall+=("$wall"); beautyidx_cpu+=("$cpu")
  beautyidx_summary=$(tail -1 "$out/last.log")
  echo "run $run: omindex ${omindex_wall[-1]} s wall ${omindex_cpu[-1]} s CPU, beautyidx ${beautyidx_wall[-1]} s wall ${beautyidx_cpu[-1]} s CPU" >&2
done

omindex_du=$(du -sk "$out/omega" | cut -f1)
beautyidx_du=$(du -sk "$out/bidx" | cut -f1)
echo "$pages pages, $((bytes / 1000)) kB of HTML; median of $runs runs each on CPUs $cpus of $(nproc), fresh database each run"
echo "omindex:   $(omindex --version | head -1); $omindex_docs documents; database ${omindex_du} KiB"
echo "beautyidx: $beautyidx_summary; database ${beautyidx_du} KiB"
awk -v n="$pages" -v ow="$(median "${omindex_wall[@]}")" -v oc="$(median "${omindex_cpu[@]}")" \
    -v bw="$(median "${beautyidx_wall[@]}")" -v bc="$(median "${beautyidx_cpu[@]}")" 'BEGIN {
  printf "%-12s %9s %9s %12s %12s\n", "indexer", "wall s", "CPU s", "pages/s", "pages/CPU-s"
  printf "%-12s %9.3f %9.3f %12.1f %12.1f\n", "omindex", ow, oc, n / ow, n / oc
  printf "%-12s %9.3f %9.3f %12.1f %12.1f\n", "beautyidx", bw, bc, n / bw, n / bc
  printf "ratio beautyidx/omindex: %.2f by wall time (pages/s), %.2f by CPU time  (target >= 1.00)\n", ow / bw, oc / bc
}'
