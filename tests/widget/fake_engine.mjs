// Development-only stand-in for the engine: no dependencies.
//   node fake_engine.mjs [--port N] [--page-port M]      serve until killed, print both origins
//   node fake_engine.mjs --run-test [extra test args]    start both, run widget_browser_test.mjs against them, exit with its code
// Engine origin (127.0.0.1:N): /widget.js (../../server/widget/widget.js, read per request) and a canned
// /api/v1/widget with one hostile title and one javascript: URL (which the widget must drop).
//   url containing "not-indexed" -> 404, "boom" -> 500, "slow" -> answers after 7 s (past the widget's 5 s timeout).
// Page origin (localhost:M, a different origin): / embeds two widgets below a tall spacer, /404.html and
// /error.html embed one each for articles the engine will not serve.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const widgetPath = path.resolve(here, '../../server/widget/widget.js');
export const HOSTILE = '<img src=x onerror=alert(1)>';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
};

function cards(kind) {
  const img = (n) => `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200"><rect width="320" height="200" fill="hsl(${n * 47},45%,78%)"/></svg>`)}`;
  // data: images are not http(s): the widget must leave them out; the last cards use real http URLs on this server.
  const base = [
    { url: 'https://blog.example/retinol-guide', title: 'The beginner’s guide to retinol without the irritation', excerpt: 'Start low, go slow: how to build tolerance, what to pair it with, and which mistakes make skin angry.', image: 'IMG/1', badge: { name: 'Mara Ellison', credential: 'board-certified dermatologist' }, price: '', meta: '' },
    { url: 'https://blog.example/hostile', title: `Hostile ${HOSTILE} title`, excerpt: '<script>alert(2)</script> should be plain text', image: 'javascript:alert(3)', badge: null, price: '', meta: '' },
    { url: 'javascript:alert(4)', title: 'Card with a javascript: URL (must be dropped)', excerpt: 'x', image: '', badge: null, price: '', meta: '' },
    { url: 'https://blog.example/spf-myths', title: 'Seven SPF myths, debunked', excerpt: 'No, your foundation’s SPF 15 is not enough.', image: img(3), badge: null, price: '', meta: '' },
    { url: 'https://blog.example/niacinamide', title: 'Niacinamide: the quiet workhorse of a very long list of routines that goes on and on past two lines of text', excerpt: 'A very long excerpt. '.repeat(20), image: 'IMG/4', badge: { name: 'Dr. Priya Raman', credential: 'cosmetic chemist' }, price: '', meta: '' },
    { url: 'http://blog.example/gua-sha', title: 'Does gua sha actually do anything?', excerpt: '', image: 'IMG/5', badge: null, price: '', meta: '' },
  ];
  if (kind === 'shop') {
    const shop = [['Skin Gym', 'Sephora', '$32'], ['The Ordinary', 'Ulta', '$8.90'], ['La Roche-Posay', 'Target', '$21.99'], ['CeraVe', 'Amazon', '$15'], ['Paula’s Choice', 'Nordstrom', '$34'], ['Glossier', 'Glossier', '$22']];
    return base.map((c, i) => ({ ...c, price: shop[i][2], meta: `${shop[i][0]} · ${shop[i][1]}`, badge: null }));
  }
  if (kind === 'experts') return base.map((c, i) => ({ ...c, badge: { name: `Expert ${i}`, credential: 'licensed esthetician' } }));
  return base;
}

export function startEngine(port = 0) {
  const srv = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://x');
    const cors = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' };
    if (u.pathname === '/widget.js') {
      res.writeHead(200, { ...cors, 'Content-Type': 'text/javascript; charset=utf-8' });
      return res.end(fs.readFileSync(widgetPath));
    }
    if (u.pathname.startsWith('/img/')) {
      const n = parseInt(u.pathname.slice(5), 10) || 0;
      res.writeHead(200, { ...cors, 'Content-Type': 'image/svg+xml' });
      return res.end(`<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200"><rect width="320" height="200" fill="hsl(${n * 61},40%,75%)"/><circle cx="160" cy="100" r="50" fill="hsl(${n * 61},50%,60%)"/></svg>`);
    }
    if (u.pathname === '/api/v1/widget') {
      const json = (code, body) => { res.writeHead(code, { ...cors, 'Content-Type': 'application/json' }); res.end(JSON.stringify(body)); };
      const article = u.searchParams.get('url') || '';
      const kind = u.searchParams.get('kind') || 'related';
      const limit = Math.min(12, Math.max(1, parseInt(u.searchParams.get('limit'), 10) || 4));
      if (!['related', 'shop', 'experts'].includes(kind)) return json(400, { error: { code: 'bad_request', message: 'kind' } });
      if (article.includes('not-indexed')) return json(404, { error: { code: 'not_found', message: 'article not indexed' } });
      if (article.includes('boom')) return json(500, { error: { code: 'internal', message: 'boom' } });
      const origin = `http://${req.headers.host}`;
      const list = cards(kind).map(c => ({ ...c, image: c.image.startsWith('IMG/') ? `${origin}/img/${c.image.slice(4)}` : c.image })).slice(0, limit + 1);
      const body = { kind, article: { url: article, title: 'Fake article' }, heading: { related: 'Related reading', shop: 'Shop the post', experts: 'Ask the experts' }[kind], cards: list };
      if (article.includes('slow')) return setTimeout(() => json(200, body), 7000);
      return json(200, body);
    }
    res.writeHead(404, cors);
    res.end('not found');
  });
  return new Promise(r => srv.listen(port, '127.0.0.1', () => r(srv)));
}

const lorem = 'Serums, oils and essences blur together on the shelf. Here is what each one is for, in plain words. ';
function page(engine, tags) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="data:,"><title>Fake beauty blog</title>
<style>body{font:17px/1.6 Georgia,serif;max-width:760px;margin:0 auto;padding:16px;color:#222}.spacer{height:1800px;background:linear-gradient(#fafafa,#eee)}</style></head>
<body><h1>Fake beauty blog post</h1><p><a href="/">A link before the article</a></p>
<div class="spacer"><p>${lorem.repeat(4)}</p></div>
${tags.map(([kind, article, extra = '']) => `<p>${lorem}</p>
<script async src="${engine}/widget.js" data-article-url="${article}" data-kind="${kind}" ${extra}></script>
<p>${lorem.repeat(3)}</p>`).join('\n')}
<div style="height:900px"></div><p>The end.</p></body></html>`;
}

export function startPage(engine, port = 0) {
  const srv = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://x');
    const pages = {
      '/': [['related', 'https://blog.example/post.html'], ['shop', 'https://blog.example/post.html', 'data-limit="3" data-theme="dark"']],
      '/404.html': [['related', 'https://blog.example/not-indexed.html']],
      '/error.html': [['experts', 'https://blog.example/boom.html']],
      '/slow.html': [['related', 'https://blog.example/slow.html']],
    };
    if (!pages[u.pathname]) { res.writeHead(404); return res.end('not found'); }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(page(engine, pages[u.pathname]));
  });
  // "localhost" vs the engine's "127.0.0.1": a different origin, so the API call is cross-origin.
  return new Promise(r => srv.listen(port, '127.0.0.1', () => r(srv)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const eng = await startEngine(Number(arg('--port', 0)));
  const engine = `http://127.0.0.1:${eng.address().port}`;
  const pg = await startPage(engine, Number(arg('--page-port', 0)));
  const pageUrl = `http://localhost:${pg.address().port}/`;
  if (process.argv.includes('--run-test')) {
    const extra = process.argv.slice(process.argv.indexOf('--run-test') + 1);
    const child = spawn(process.execPath, [path.join(here, 'widget_browser_test.mjs'), '--engine', engine, '--page', pageUrl, '--hostile-title', ...extra], { stdio: 'inherit' });
    child.on('exit', code => { eng.close(); pg.close(); process.exit(code ?? 1); });
  } else {
    console.log(JSON.stringify({ engine, page: pageUrl }));
  }
}
