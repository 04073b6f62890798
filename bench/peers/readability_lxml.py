"""readability-lxml (Debian python3-readability) over the article benchmark: median pages/s
over N passes, start-up excluded; writes each page's text to OUT/<id>.txt for scoring.
Usage: python3 readability_lxml.py BENCHMARK_DIR OUT_DIR [PASSES]"""
import gzip
import json
import os
import sys
import time

import lxml.html
from readability import Document

bench, out = sys.argv[1], sys.argv[2]
passes = int(sys.argv[3]) if len(sys.argv) > 3 else 5
truth = json.load(open(os.path.join(bench, "ground-truth.json"), encoding="utf-8"))
pages = []
for pid in sorted(truth):
    raw = gzip.open(os.path.join(bench, "html", pid + ".html.gz")).read()
    pages.append((pid, raw.decode("utf-8", "replace")))
size = sum(len(html.encode("utf-8")) for _, html in pages)
os.makedirs(out, exist_ok=True)
times = []
for n in range(passes):
    start = time.perf_counter()
    for pid, html in pages:
        try:
            summary = Document(html).summary(html_partial=True)
            text = "\n".join(t.strip() for t in lxml.html.fromstring(summary).itertext())
        except Exception:
            text = ""
        if n == 0:
            with open(os.path.join(out, pid + ".txt"), "w", encoding="utf-8") as f:
                f.write(text)
    times.append(time.perf_counter() - start)
times.sort()
median = times[len(times) // 2]
print("readability-lxml pages/s %.1f MB/s %.1f" % (len(pages) / median, size / 1e6 / median))
