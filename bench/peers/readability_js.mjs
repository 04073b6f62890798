// Readability.js (with jsdom) over the article benchmark: median pages/s over N passes,
// start-up excluded; writes each page's text to OUT/<id>.txt for scoring.
// Usage: node readability_js.mjs BENCHMARK_DIR OUT_DIR [PASSES]
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { JSDOM, VirtualConsole } from "jsdom";
import { Readability } from "@mozilla/readability";

const [dir, out, passesArg] = process.argv.slice(2);
const passes = Number(passesArg || 5);
const truth = JSON.parse(fs.readFileSync(path.join(dir, "ground-truth.json"), "utf8"));
const pages = Object.keys(truth).sort().map((id) => ({
  id,
  url: truth[id].url,
  html: zlib.gunzipSync(fs.readFileSync(path.join(dir, "html", id + ".html.gz"))).toString("utf8"),
}));
const bytes = pages.reduce((n, p) => n + Buffer.byteLength(p.html), 0);
const quiet = new VirtualConsole();
fs.mkdirSync(out, { recursive: true });

// Block boundaries become newlines: textContent alone glues words across <p> and <br>.
function textOf(node) {
  const blocks = new Set(["P", "DIV", "LI", "H1", "H2", "H3", "H4", "H5", "H6", "BLOCKQUOTE", "PRE", "TR", "BR", "SECTION", "ARTICLE", "FIGCAPTION", "TD", "TH"]);
  let s = "";
  const walk = (n) => {
    if (n.nodeType === 3) s += n.nodeValue;
    else if (n.nodeType === 1) {
      if (blocks.has(n.nodeName)) s += "\n";
      for (const c of n.childNodes) walk(c);
      if (blocks.has(n.nodeName)) s += "\n";
    }
  };
  walk(node);
  return s;
}

const times = [];
for (let pass = 0; pass < passes; pass++) {
  const start = process.hrtime.bigint();
  for (const page of pages) {
    let text = "";
    try {
      const dom = new JSDOM(page.html, { url: page.url, virtualConsole: quiet });
      const article = new Readability(dom.window.document).parse();
      if (article && article.content) {
        const frag = new JSDOM(article.content, { virtualConsole: quiet });
        text = textOf(frag.window.document.body);
        frag.window.close();
      }
      dom.window.close();
    } catch (e) {
      text = "";
    }
    if (pass === 0) fs.writeFileSync(path.join(out, page.id + ".txt"), text);
  }
  times.push(Number(process.hrtime.bigint() - start) / 1e9);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`readability.js pages/s ${(pages.length / median).toFixed(1)} MB/s ${(bytes / 1e6 / median).toFixed(1)}`);
