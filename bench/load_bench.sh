#!/usr/bin/env bash
# HTTP load on `beautyidx serve`, beside nginx serving a static file in the same run.
#
#   bench/load_bench.sh BUILD_DIR DB_DIR
#
# wrk (Debian `wrk`) with 64 connections and 2 threads, 20 s per target after a 5 s warm-up:
#   recommend  /api/v1/recommend, a few questions rotated by a wrk Lua script;
#   related    /api/v1/related for article URLs of the DB, chosen at random per request;
#   nginx      (Debian `nginx`, in the foreground as a child, on a free loopback port) serving a
#              static JSON file the size of a typical recommend answer (it is one).
# Prints req/s and p99 latency for each and the ratio to nginx. beautyidx runs with its defaults
# (64 threads, 100 requests per kept-alive connection); nginx gets the same keep-alive budget.
# Environment: CONNECTIONS (64), THREADS (2), DURATION (20s), WARMUP (5s).
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 BUILD_DIR DB_DIR" >&2
  exit 2
fi
build_dir=$1
db=$2
bin="$build_dir/app/beautyidx"
connections=${CONNECTIONS:-64}
wrk_threads=${THREADS:-2}
duration=${DURATION:-20s}
warmup=${WARMUP:-5s}
nginx_bin=/usr/sbin/nginx

for tool in wrk curl jq "$nginx_bin"; do
  command -v "$tool" >/dev/null || { echo "load_bench: needs $tool (apt-get install wrk nginx curl jq)" >&2; exit 1; }
done
[[ -x "$bin" ]] || { echo "load_bench: no $bin (build the beautyidx target)" >&2; exit 1; }
[[ -d "$db/records" ]] || { echo "load_bench: $db is not a beautyidx database" >&2; exit 1; }

work=$(mktemp -d -t beautyidx-load-XXXXXX)
serve_pid=""
nginx_pid=""
cleanup() {
  [[ -n "$serve_pid" ]] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null
  [[ -n "$nginx_pid" ]] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
wait_for() {  # URL: until it answers 200
  for _ in $(seq 100); do
    curl -sf -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "load_bench: $1 never answered" >&2
  exit 1
}

# ---- beautyidx serve, with its defaults ----
"$bin" serve --db "$db" --host 127.0.0.1 --port 0 2> "$work/serve.log" &
serve_pid=$!
for _ in $(seq 100); do grep -q 'serving' "$work/serve.log" && break; sleep 0.1; done
engine_port=$(sed -n 's|.*on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.log" | head -n1)
[[ -n "$engine_port" ]] || { cat "$work/serve.log" >&2; exit 1; }
engine="http://127.0.0.1:$engine_port"
wait_for "$engine/readyz"

# ---- what to ask ----
questions=("de-puffing under \$50" "gua sha under \$40" "microcurrent under \$400" "fine lines serum under \$60"
           "best roller for puffiness" "lymphatic drainage tools under \$30")
encoded=()
sizes=()
for q in "${questions[@]}"; do
  e=$(jq -rn --arg q "$q" '$q|@uri')
  encoded+=("$e")
  curl -sf "$engine/api/v1/recommend?q=$e" > "$work/answer-${#sizes[@]}.json"
  sizes+=("$(stat -c %s "$work/answer-${#sizes[@]}.json")")
done
# The answer of median size is the typical one nginx serves.
median_index=$(for i in "${!sizes[@]}"; do echo "${sizes[$i]} $i"; done | sort -n | awk -v n="${#sizes[@]}" 'NR == int((n + 1) / 2) {print $2}')
mkdir -p "$work/www"
cp "$work/answer-$median_index.json" "$work/www/recommend.json"
static_bytes=$(stat -c %s "$work/www/recommend.json")

# Article URLs of the DB, from searches over its vocabulary.
for q in skin serum gua puffiness routine dermatologist roller cream massage eyes; do
  curl -sf "$engine/api/v1/search?q=$q&limit=50" | jq -r '.articles[].url'
done | sort -u | head -n 40 > "$work/articles.txt"
article_count=$(wc -l < "$work/articles.txt")
[[ "$article_count" -gt 0 ]] || { echo "load_bench: no articles found in $db" >&2; exit 1; }

{
  echo 'local paths = {'
  for e in "${encoded[@]}"; do echo "  \"/api/v1/recommend?q=$e\","; done
  echo '}'
  echo 'local i = 0'
  echo 'request = function()'
  echo '  i = i + 1'
  echo '  return wrk.format("GET", paths[(i % #paths) + 1])'
  echo 'end'
} > "$work/recommend.lua"
{
  echo 'local paths = {'
  while read -r url; do
    echo "  \"/api/v1/related?url=$(jq -rn --arg u "$url" '$u|@uri')\","
  done < "$work/articles.txt"
  echo '}'
  echo 'math.randomseed(os.time())'
  echo 'request = function()'
  echo '  return wrk.format("GET", paths[math.random(#paths)])'
  echo 'end'
} > "$work/related.lua"

# ---- nginx, in the foreground as our child ----
nginx_port=$(free_port)
mkdir -p "$work/nginx/tmp"
cat > "$work/nginx/nginx.conf" <<EOF
daemon off;
master_process off;
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  types { application/json json; }
  default_type application/octet-stream;
  keepalive_requests 100;
  client_body_temp_path $work/nginx/tmp;
  proxy_temp_path $work/nginx/tmp;
  fastcgi_temp_path $work/nginx/tmp;
  uwsgi_temp_path $work/nginx/tmp;
  scgi_temp_path $work/nginx/tmp;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
  }
}
EOF
"$nginx_bin" -c "$work/nginx/nginx.conf" -p "$work/nginx" -e stderr 2> "$work/nginx/stderr.log" &
nginx_pid=$!
wait_for "http://127.0.0.1:$nginx_port/recommend.json"

# ---- load ----
# run NAME URL [SCRIPT]: a warm-up, then the measured run; appends "NAME req/s p99_ms non2xx errors".
run() {
  local name=$1 url=$2 script=${3:-}
  local args=(-t "$wrk_threads" -c "$connections" --latency)
  [[ -n "$script" ]] && args+=(-s "$script")
  wrk "${args[@]}" -d "$warmup" "$url" > /dev/null
  wrk "${args[@]}" -d "$duration" "$url" > "$work/$name.wrk"
  local rps p99 non2xx errors
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/$name.wrk")
  # "99%  12.34ms" (or us / s): in milliseconds.
  p99=$(awk '$1 == "99%" {v = $2; u = v; gsub(/[0-9.]/, "", u); gsub(/[a-z]/, "", v);
             if (u == "us") v /= 1000; else if (u == "s") v *= 1000; else if (u == "m") v *= 60000; printf "%.2f", v}' "$work/$name.wrk")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$work/$name.wrk")
  errors=$(awk '/Socket errors:/ {sub(/.*Socket errors: /, ""); print}' "$work/$name.wrk")
  echo "$name $rps $p99 ${non2xx:-0} ${errors:-none}" >> "$work/results.txt"
}

echo "load_bench: wrk -t$wrk_threads -c$connections, $warmup warm-up + $duration per target, on $(nproc) cores"
echo "  beautyidx: $engine ($db: $(curl -sf "$engine/api/v1/stats" | jq -c .))"
echo "  recommend: ${#questions[@]} questions rotated; related: $article_count article URLs at random"
echo "  nginx:     http://127.0.0.1:$nginx_port/recommend.json ($static_bytes bytes, the median recommend answer)"
: > "$work/results.txt"
run recommend "$engine/" "$work/recommend.lua"
run related "$engine/" "$work/related.lua"
run nginx "http://127.0.0.1:$nginx_port/recommend.json"

nginx_rps=$(awk '$1 == "nginx" {print $2}' "$work/results.txt")
echo
printf '%-10s %12s %10s %10s %8s  %s\n' target req/s p99_ms vs_nginx non2xx socket_errors
while read -r name rps p99 non2xx errors; do
  ratio=$(awk -v a="$rps" -v b="$nginx_rps" 'BEGIN {printf "%.3f", (b > 0 ? a / b : 0)}')
  printf '%-10s %12.0f %10s %10s %8s  %s\n' "$name" "$rps" "$p99" "${ratio}x" "$non2xx" "$errors"
done < "$work/results.txt"
