#!/usr/bin/env node
// Browser test of the embeddable widget (server/widget/widget.js) in headless Chromium.
//
//   node widget_browser_test.mjs --engine http://127.0.0.1:PORT --page http://localhost:PORT2/post.html \
//        [--min-cards 3] [--hostile-title [TEXT]] [--max-cls 0.1] [--api-delay 800] [--expect-lazy]
//        [--timeout 15000] [--screenshot out.png] [--chromium /usr/bin/chromium]
//
// --engine serves /widget.js and /api/v1/widget; --page is a page on ANOTHER origin carrying one or more
// <script async src="ENGINE/widget.js" ...> tags. Checked, for every widget tag on the page:
//  1. the element right after the tag is the widget host, with an open shadow root;
//  2. it renders >= --min-cards cards, each an <a> with an http(s) href and non-empty text, and they are
//     exactly the API's cards (same request made from Node) with a parsable http(s) url, capped at limit;
//  3. with --hostile-title, some card shows TEXT (default `<img src=x onerror=alert(1)>`) as literal text;
//     always: no <img src="x"> anywhere (document and shadow roots) and no dialog opened;
//  4. layout-shift entries (PerformanceObserver, buffered) add up to < --max-cls. Each host is scrolled to
//     the top of the viewport and the API answer is held back --api-delay ms, so the skeleton -> cards swap
//     happens in view and a mismatch between the two would be measured;
//  5. Tab from the top of the page reaches the first card (document.activeElement is the host and its
//     shadowRoot.activeElement is that <a>), which shows a focus outline;
//  6. no console errors and no uncaught page errors (a /favicon.ico 404 is ignored).
// Prints one JSON line on success; exits 1 with "FAIL: ..." otherwise, 2 on bad arguments.
import { chromium } from 'playwright-core';

const HOSTILE_DEFAULT = '<img src=x onerror=alert(1)>';

function parseArgs(argv) {
  const o = { minCards: 3, maxCls: 0.1, apiDelay: 800, timeout: 15000, chromium: '/usr/bin/chromium' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--engine') o.engine = next();
    else if (a === '--page') o.page = next();
    else if (a === '--min-cards') o.minCards = Number(next());
    else if (a === '--max-cls') o.maxCls = Number(next());
    else if (a === '--api-delay') o.apiDelay = Number(next());
    else if (a === '--timeout') o.timeout = Number(next());
    else if (a === '--screenshot') o.screenshot = next();
    else if (a === '--chromium') o.chromium = next();
    else if (a === '--expect-lazy') o.expectLazy = true;
    else if (a === '--hostile-title') o.hostile = argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : HOSTILE_DEFAULT;
    else usage(`unknown argument ${a}`);
  }
  if (!o.engine || !o.page) usage('--engine and --page are required');
  for (const k of ['minCards', 'maxCls', 'apiDelay', 'timeout']) if (!Number.isFinite(o[k]) || o[k] < 0) usage(`bad --${k}`);
  try {
    o.engineOrigin = new URL(o.engine).origin;
    if (new URL(o.page).origin === o.engineOrigin) usage('--page must be on a different origin than --engine');
  } catch (e) {
    usage(`bad URL: ${e.message}`);
  }
  return o;
}

function usage(msg) {
  console.error(`usage error: ${msg}\nnode widget_browser_test.mjs --engine ORIGIN --page URL [--min-cards N] [--hostile-title [TEXT]] [--max-cls X] [--api-delay MS] [--expect-lazy] [--timeout MS] [--screenshot FILE] [--chromium PATH]`);
  process.exit(2);
}

class Fail extends Error {}
const check = (cond, msg) => { if (!cond) throw new Fail(msg); };
const sleep = ms => new Promise(r => setTimeout(r, ms));

const opt = parseArgs(process.argv.slice(2));
const consoleErrors = [];
const consoleWarnings = [];
const dialogs = [];
const apiRequests = [];
let browser;

// Runs in the page: the widget tags (src on the engine, path ending in /widget.js) in document order.
const FIND = `(origin) => [...document.querySelectorAll('script[src]')].filter(s => {
  try { const u = new URL(s.src, location.href); return u.origin === origin && /\\/widget\\.js$/.test(u.pathname); } catch (e) { return false; }
})`;

// What the widget should show for one tag: the same request from Node, cards with an http(s) url, capped at limit.
async function expectedCards(tag) {
  if (!tag.articleUrl) return null;
  const kind = ['related', 'shop', 'experts'].includes(tag.kind) ? tag.kind : 'related';
  const limit = Math.min(12, Math.max(1, parseInt(tag.limit, 10) || 4));
  const u = new URL('/api/v1/widget', opt.engineOrigin);
  u.search = new URLSearchParams({ url: new URL(tag.articleUrl, opt.page).href, kind, limit: String(limit) });
  const r = await fetch(u, { headers: { Accept: 'application/json' } });
  check(r.ok, `API ${u.href} answered HTTP ${r.status} when fetched directly`);
  const body = await r.json();
  check(body && Array.isArray(body.cards), `API ${u.href} answer has no "cards" array`);
  const ok = body.cards.filter(c => {
    try { return c && /^https?:$/.test(new URL(c.url).protocol); } catch (e) { return false; }
  });
  return { url: u.href, cards: ok.slice(0, limit).map(c => ({ href: new URL(c.url).href, title: typeof c.title === 'string' ? c.title.trim() : '' })) };
}

async function main() {
  browser = await chromium.launch({ executablePath: opt.chromium, args: ['--no-sandbox'] });
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(opt.timeout);

  page.on('dialog', d => { dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  page.on('console', m => {
    if (m.type() === 'warning') consoleWarnings.push(m.text());
    if (m.type() !== 'error') return;
    const where = m.location() && m.location().url ? m.location().url : '';
    if (/\/favicon\.ico(\?|$)/.test(where)) return;
    consoleErrors.push(`${m.text()}${where ? ` (${where})` : ''}`);
  });
  page.on('pageerror', e => consoleErrors.push(`uncaught: ${e.message}`));
  page.on('request', r => { if (r.url().startsWith(`${opt.engineOrigin}/api/v1/widget`)) apiRequests.push(r.url()); });

  // Hold API answers back so the swap from skeleton to cards happens while the box is in view.
  if (opt.apiDelay > 0) {
    await page.route(u => u.href.startsWith(`${opt.engineOrigin}/api/v1/widget`), async route => {
      await sleep(opt.apiDelay);
      await route.continue().catch(() => {});
    });
  }

  await page.addInitScript(() => {
    window.__bidxCls = { value: 0, entries: [] };
    const name = n => (n && n.nodeType === 1 ? n.localName + (n.id ? '#' + n.id : '') + (n.className && typeof n.className === 'string' ? '.' + n.className.trim().split(/\s+/).join('.') : '') : String(n && n.nodeName));
    try {
      new PerformanceObserver(list => {
        for (const e of list.getEntries()) {
          if (e.hadRecentInput) continue;
          window.__bidxCls.value += e.value;
          window.__bidxCls.entries.push({ value: +e.value.toFixed(4), at: Math.round(e.startTime), sources: (e.sources || []).map(s => name(s.node)) });
        }
      }).observe({ type: 'layout-shift', buffered: true });
    } catch (e) {
      window.__bidxCls.unsupported = String(e);
    }
  });

  let resp;
  try {
    resp = await page.goto(opt.page, { waitUntil: 'load' });
  } catch (e) {
    throw new Fail(`could not load ${opt.page}: ${String(e.message).split('\n')[0]}`);
  }
  check(resp && resp.ok(), `page ${opt.page} answered HTTP ${resp ? resp.status() : 'nothing'}`);

  // The tags and their settings.
  const tags = await page.evaluate(`(${FIND})(${JSON.stringify(opt.engineOrigin)}).map(s => ({ articleUrl: s.dataset.articleUrl || '', kind: s.dataset.kind || '', limit: s.dataset.limit || '' }))`);
  check(tags.length > 0, `no <script src="${opt.engineOrigin}/.../widget.js"> tag on ${opt.page}`);

  // 1. host right after each tag, open shadow root.
  const hostsReady = `(${FIND})(${JSON.stringify(opt.engineOrigin)}).every(s => s.nextElementSibling && s.nextElementSibling.shadowRoot)`;
  try {
    await page.waitForFunction(hostsReady, null, { timeout: opt.timeout });
  } catch (e) {
    const seen = await page.evaluate(`(${FIND})(${JSON.stringify(opt.engineOrigin)}).map(s => { const n = s.nextElementSibling; return n ? n.localName + (n.shadowRoot ? '(open shadow)' : '(no open shadow root)') : 'nothing'; })`);
    throw new Fail(`1. widget host with an open shadow root must follow each widget tag; found after the tags: ${seen.join(', ')}`);
  }
  await page.evaluate(`window.__bidxHosts = () => (${FIND})(${JSON.stringify(opt.engineOrigin)}).map(s => s.nextElementSibling)`);

  // Nothing has been scrolled yet: were the API calls held until the box came near?
  await sleep(300);
  const requestsBeforeScroll = apiRequests.length;
  if (opt.expectLazy) check(requestsBeforeScroll === 0, `widget fetched ${requestsBeforeScroll} API answer(s) before its box was scrolled near (expected lazy loading)`);

  // 2. + 4. scroll each host to the top of the viewport, wait for its cards.
  const rendered = [];
  for (let i = 0; i < tags.length; i++) {
    await page.evaluate(i => window.__bidxHosts()[i].scrollIntoView({ block: 'start' }), i);
    try {
      await page.waitForFunction(([i, n]) => window.__bidxHosts()[i].shadowRoot.querySelectorAll('a').length >= n,
        [i, Math.max(1, opt.minCards)], { timeout: opt.timeout + opt.apiDelay });
    } catch (e) {
      const have = await page.evaluate(i => window.__bidxHosts()[i].shadowRoot.querySelectorAll('a').length, i);
      throw new Fail(`2. widget #${i + 1} (kind=${tags[i].kind || 'related'}, article=${tags[i].articleUrl}) rendered ${have} card link(s) within ${opt.timeout + opt.apiDelay} ms, need >= ${opt.minCards}` +
        `; API requests: ${JSON.stringify(apiRequests)}; console: ${JSON.stringify([...consoleErrors, ...consoleWarnings])}`);
    }
    await sleep(500); // let any late reflow (images, fonts) land while the box is still in view
    rendered.push(await page.evaluate(i => {
      const root = window.__bidxHosts()[i].shadowRoot;
      const badHref = [...root.querySelectorAll('[href]')].map(e => e.getAttribute('href')).filter(h => { try { return !/^https?:$/.test(new URL(h).protocol); } catch (e) { return true; } });
      return {
        badHref,
        cards: [...root.querySelectorAll('a')].map(a => ({ href: a.href, rawHref: a.getAttribute('href'), text: (a.textContent || '').trim() })),
        heading: (() => { const h = root.querySelector('h1,h2,h3,h4,h5,h6,[role=heading]'); return h ? h.textContent.trim() : ''; })(),
        section: (() => { const s = root.querySelector('section'); return s ? s.getAttribute('aria-label') || '' : null; })(),
      };
    }, i));
  }

  for (let i = 0; i < tags.length; i++) {
    const w = `widget #${i + 1} (kind=${tags[i].kind || 'related'})`;
    const r = rendered[i];
    check(r.cards.length >= opt.minCards, `2. ${w}: ${r.cards.length} cards, need >= ${opt.minCards}`);
    check(r.badHref.length === 0, `2. ${w}: non-http(s) href in the widget: ${JSON.stringify(r.badHref)}`);
    r.cards.forEach((c, j) => {
      check(c.rawHref && /^https?:$/.test(new URL(c.href).protocol), `2. ${w}: card ${j + 1} has no http(s) href (${c.rawHref})`);
      check(c.text.length > 0, `2. ${w}: card ${j + 1} (${c.href}) has empty title text`);
    });
    check(r.section !== null, `${w}: no <section> box in the shadow root`);
    check(r.section, `${w}: the <section> has no aria-label`);
    check(r.heading, `${w}: no heading element with text in the shadow root`);
    const exp = await expectedCards(tags[i]);
    if (exp) {
      check(exp.cards.length === r.cards.length,
        `2. ${w}: rendered ${r.cards.length} cards but ${exp.url} has ${exp.cards.length} card(s) with an http(s) url (capped at limit)`);
      exp.cards.forEach((e, j) => {
        check(r.cards[j].href === e.href, `2. ${w}: card ${j + 1} links to ${r.cards[j].href}, API says ${e.href}`);
        if (e.title) check(r.cards[j].text.includes(e.title.slice(0, 120)), `2. ${w}: card ${j + 1} text ${JSON.stringify(r.cards[j].text.slice(0, 160))} lacks the API title ${JSON.stringify(e.title.slice(0, 120))}`);
      });
    }
  }

  // 3. hostile text is literal; no injected image; no dialog.
  const injected = await page.evaluate(() => {
    const out = [];
    const walk = root => {
      for (const img of root.querySelectorAll('img')) {
        const src = img.getAttribute('src') || '';
        if (src === 'x' || /\/x$/.test(img.src)) out.push(src);
      }
      for (const e of root.querySelectorAll('*')) if (e.shadowRoot) walk(e.shadowRoot);
    };
    walk(document);
    return out;
  });
  check(injected.length === 0, `3. found <img src="x"> in the page: markup from the data was parsed as HTML`);
  let hostileSeen = null;
  if (opt.hostile) {
    hostileSeen = rendered.some(r => r.cards.some(c => c.text.includes(opt.hostile)));
    check(hostileSeen, `3. no card shows the literal text ${JSON.stringify(opt.hostile)}`);
  }
  check(dialogs.length === 0, `3. a dialog fired: ${dialogs.join(' | ')}`);

  // 4. layout shift.
  const cls = await page.evaluate(() => window.__bidxCls);
  check(!cls.unsupported, `4. layout-shift entries are not observable in this browser: ${cls.unsupported}`);
  check(cls.value < opt.maxCls, `4. cumulative layout shift ${cls.value.toFixed(4)} >= ${opt.maxCls}; entries: ${JSON.stringify(cls.entries)}`);

  if (opt.screenshot) {
    const h = await page.evaluateHandle(() => window.__bidxHosts()[0]);
    await h.asElement().scrollIntoViewIfNeeded();
    await h.asElement().screenshot({ path: opt.screenshot });
  }

  // 5. keyboard: Tab from the top of the document reaches the first card, which shows an outline.
  await page.evaluate(() => { if (document.activeElement) document.activeElement.blur(); window.scrollTo(0, 0); });
  let presses = 0, focus = null;
  for (; presses < 200; ) {
    await page.keyboard.press('Tab');
    presses++;
    focus = await page.evaluate(() => {
      const host = window.__bidxHosts()[0];
      const first = host.shadowRoot.querySelector('a');
      const a = document.activeElement;
      if (a !== host) return { inWidget: false, what: a ? a.localName : null };
      const inner = host.shadowRoot.activeElement;
      const cs = inner ? getComputedStyle(inner) : null;
      return {
        inWidget: true, isFirst: inner === first, tag: inner ? inner.localName : null,
        outline: cs ? `${cs.outlineStyle} ${cs.outlineWidth}` : '', visible: !!cs && cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0,
      };
    });
    if (focus.inWidget) break;
  }
  check(focus && focus.inWidget, `5. ${presses} Tab presses never moved focus into the first widget`);
  check(focus.tag === 'a' && focus.isFirst, `5. first Tab stop in the widget is <${focus.tag}>, not the first card link`);
  check(focus.visible, `5. the focused card shows no outline (outline: ${focus.outline})`);

  // 6. console.
  await sleep(200);
  check(consoleErrors.length === 0, `6. console errors: ${consoleErrors.join(' | ')}`);

  console.log(JSON.stringify({
    ok: true, browser: `chromium ${browser.version()}`, page: opt.page, engine: opt.engineOrigin, widgets: tags.length,
    cards: rendered.map(r => r.cards.length), hostileLiteral: hostileSeen, cls: +cls.value.toFixed(4),
    lazy: requestsBeforeScroll === 0, apiRequests: apiRequests.length, tabPresses: presses, dialogs: 0, consoleErrors: 0,
  }));
}

try {
  await main();
  await browser.close();
  process.exit(0);
} catch (e) {
  console.error(e instanceof Fail ? `FAIL: ${e.message}` : `FAIL: test error: ${e && e.stack ? e.stack : e}`);
  if (browser) await browser.close().catch(() => {});
  process.exit(1);
}
