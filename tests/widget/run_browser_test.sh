#!/usr/bin/env bash
# The widget's one real end-to-end test, run by ctest (widget_browser):
#   run_browser_test.sh BEAUTYIDX BEAUTYIDX_SITE
# Crawls a temp copy of data/sample-blog (plus one article whose title is markup) served by
# beautyidx-site, serves the index with `beautyidx serve`, serves an embedding page from another
# origin (a second beautyidx-site) and runs widget_browser_test.mjs in headless Chromium against
# them. Everything started here is stopped on exit, whatever the outcome.
#
# Exit codes: 0 pass, 1 fail, 77 skipped (ctest SKIP_RETURN_CODE): BEAUTYIDX_BROWSER_TESTS=0, or no
# node >= 20, npm or Chromium (BEAUTYIDX_CHROMIUM, default /usr/bin/chromium).
set -euo pipefail

readonly SKIP=77
skip() { echo "SKIP widget_browser: $*"; exit "$SKIP"; }
fail() { echo "FAIL widget_browser: $*" >&2; exit 1; }

[[ $# -eq 2 ]] || { echo "usage: $0 BEAUTYIDX BEAUTYIDX_SITE" >&2; exit 2; }
beautyidx=$1
site=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_dir=$(cd "$here/../.." && pwd)
chromium=${BEAUTYIDX_CHROMIUM:-/usr/bin/chromium}

[[ ${BEAUTYIDX_BROWSER_TESTS:-1} != 0 ]] || skip "BEAUTYIDX_BROWSER_TESTS=0"
command -v node >/dev/null || skip "node is not installed (apt-get install nodejs npm)"
node_major=$(node -p 'process.versions.node.split(".")[0]')
(( node_major >= 20 )) || skip "node $(node --version) is older than 20"
[[ -x $chromium ]] || skip "$chromium is missing (apt-get install chromium, or set BEAUTYIDX_CHROMIUM)"
[[ -x $beautyidx && -x $site ]] || fail "binaries not built: $beautyidx $site"

if [[ ! -d $here/node_modules/playwright-core ]]; then
  command -v npm >/dev/null || skip "npm is not installed and tests/widget/node_modules is absent"
  echo "widget_browser: npm ci in $here"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci failed in $here"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/beautyidx-widget-XXXXXX")
pids=()       # servers, running until the end
foreground=   # the step being waited for (crawl, browser test)
cleanup() {
  local pid
  for pid in $foreground "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in $foreground "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# Runs a step in the background and waits for it: bash holds a trap until a foreground child
# ends, and this way a ctest timeout or ^C stops the step at once, and cleanup stops it too.
run() {
  local status=0
  "$@" &
  foreground=$!
  wait "$foreground" || status=$?
  foreground=
  return "$status"
}

# Waits up to 10 s for a background process to write a line matching REGEX to FILE; prints the
# first match.
wait_for_line() {
  local file=$1 regex=$2 pid=$3 line
  for _ in $(seq 100); do
    line=$(grep -m1 -oE "$regex" "$file" 2>/dev/null || true)
    if [[ -n $line ]]; then echo "$line"; return 0; fi
    kill -0 "$pid" 2>/dev/null || { cat "$file" >&2; return 1; }
    sleep 0.1
  done
  cat "$file" >&2
  return 1
}

# 1. The blog to crawl: the sample blog, its images (the pages name them but the repository
#    leaves them out, and a broken image is a console error), and the hostile article linked
#    from the home page.
cp -r "$source_dir/data/sample-blog" "$work/blog"
mkdir -p "$work/blog/blog/hostile-title"
cp "$here/fixtures/hostile-title.html" "$work/blog/blog/hostile-title/index.html"
sed -i 's|</main>|<p><a href="/blog/hostile-title/">Gua sha and facial massage</a></p></main>|' "$work/blog/index.html"
grep -q 'href="/blog/hostile-title/"' "$work/blog/index.html" || fail "could not link the hostile article"
tiny_gif=R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==
grep -rhoE '"/images/[^"]+\.(jpg|jpeg|png|webp|gif)"' "$work/blog" | tr -d '"' | sort -u |
  while read -r image; do
    mkdir -p "$work/blog$(dirname "$image")"
    base64 -d <<<"$tiny_gif" >"$work/blog$image"
  done

"$site" "$work/blog" >"$work/blog.log" 2>&1 &
pids+=($!)
blog=$(wait_for_line "$work/blog.log" 'http://127\.0\.0\.1:[0-9]+' "${pids[-1]}") || fail "beautyidx-site did not start"

# 2. The index.
run "$beautyidx" crawl "$blog/" --db "$work/db" --delay-ms 0 --allow-private >"$work/crawl.log" 2>&1 ||
  { cat "$work/crawl.log" >&2; fail "crawl failed"; }
grep -q 'articles indexed' "$work/crawl.log" || { cat "$work/crawl.log" >&2; fail "crawl indexed nothing"; }

# 3. The embedding page's server first, so the engine's CORS allow-list can name its origin:
#    "localhost" against the engine's "127.0.0.1" makes them two origins on one machine.
mkdir -p "$work/page"
"$site" "$work/page" >"$work/page.log" 2>&1 &
pids+=($!)
page_origin=$(wait_for_line "$work/page.log" 'http://127\.0\.0\.1:[0-9]+' "${pids[-1]}") || fail "page server did not start"
page_origin=${page_origin/127.0.0.1/localhost}

"$beautyidx" serve --db "$work/db" --port 0 --cors-origin "$page_origin" >"$work/serve.log" 2>&1 &
pids+=($!)
engine=$(wait_for_line "$work/serve.log" 'http://127\.0\.0\.1:[0-9]+' "${pids[-1]}") || fail "beautyidx serve did not start"

# 4. The page: an article with three widgets well below the fold (so --expect-lazy checks that
#    nothing is fetched before the reader scrolls near). The related one is for the gua sha
#    article, whose related reading includes the hostile one.
cat >"$work/page/page.html" <<EOF
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>An embedding page on another origin</title>
<style>body{font:17px/1.6 Georgia,serif;max-width:760px;margin:40px auto;padding:0 16px;color:#222} p{margin:0 0 1.2em}</style>
</head>
<body>
<h1>Five gua sha mistakes (as republished elsewhere)</h1>
$(for _ in $(seq 16); do echo "<p>Gua sha has its roots in traditional Chinese medicine, where a smooth-edged tool is stroked firmly over the body. The facial version is far gentler, and done well it leaves the face looking de-puffed and a little more sculpted.</p>"; done)
<script async src="$engine/widget.js" data-article-url="$blog/blog/gua-sha-mistakes/" data-kind="related" data-limit="4"></script>
$(for _ in 1 2 3; do echo "<p>Hold the stone almost flat against the face, sweep outward, and clear the neck first so the fluid has somewhere to drain.</p>"; done)
<script async src="$engine/widget.js" data-article-url="$blog/best/de-puffing-tools-under-50/" data-kind="shop" data-limit="4"></script>
$(for _ in 1 2 3; do echo "<p>Microcurrent devices promise a lift; the experts quoted below explain what they can and cannot do.</p>"; done)
<script async src="$engine/widget.js" data-article-url="$blog/journal/at-home-microcurrent-guide/" data-kind="experts" data-limit="3"></script>
<p>The end.</p>
</body>
</html>
EOF

# 5. The browser.
echo "widget_browser: blog $blog, engine $engine, page $page_origin/page.html"
run node "$here/widget_browser_test.mjs" --engine "$engine" --page "$page_origin/page.html" --hostile-title \
  --expect-lazy --chromium "$chromium"
