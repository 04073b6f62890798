/*! beautyidx widget 1.0.0. <script async src="https://ENGINE/widget.js" data-article-url="URL"
 * data-kind="related|shop|experts" data-limit="1-12" data-title="..." data-theme="auto|light|dark"></script>
 * Reads ENGINE/api/v1/widget?url=&kind=&limit=. All answer strings are untrusted: DOM via textContent only,
 * links and images only if they parse as http(s). Page hooks: --beautyidx-accent, ::part(box|card).
 * Layout shift: a skeleton of `limit` cards with the real cards' classes and fixed heights (image by padding
 * ratio, 2-line title, 3-line excerpt, badge and footer lines; column width set by `limit`, not by how many
 * cards come) is shown at once, so cards take exactly its height. With fewer cards, or none (404, error,
 * timeout), the height is held (box invisible if empty) until the box is out of view, and only then released
 * or collapsed: nothing the reader sees moves. Data is fetched 600px before the box scrolls in, so the swap
 * is usually off screen. Inserting the skeleton itself can shift a first-screen embed; only the page can
 * avoid that by reserving room. */
(() => {
  'use strict';
  const d = document, w = window;
  const HEAD = { related: 'Related reading', shop: 'Shop the post', experts: 'Ask the experts' };
  if (!w.beautyidxWidget) w.beautyidxWidget = Object.freeze({ version: '1.0.0' });

  // http(s) only; javascript:, data:, relative junk and unparsable strings all become ''.
  const safeUrl = (v, base) => {
    if (typeof v !== 'string' || !v) return '';
    try { const u = new URL(v, base); return /^https?:$/.test(u.protocol) ? u.href : ''; } catch (e) { return ''; }
  };
  const str = (v, n) => (typeof v === 'string' ? v.trim().slice(0, n) : '');
  const el = (tag, cls, text) => {
    const e = d.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  };
  // Run fn once the element is wholly outside the viewport (now, if it already is).
  const whenOff = (node, fn) => {
    if (!w.IntersectionObserver) return fn();
    const io = new IntersectionObserver(es => {
      if (!es[es.length - 1].isIntersecting) { io.disconnect(); fn(); }
    });
    io.observe(node);
  };

  const CSS = `:host{all:initial;display:block;margin:24px 0;--a:var(--beautyidx-accent,#b4456e);--bg:#fff;--fg:#1f1f23;--mu:#5d5d66;--ln:#e7e5e4;--sk:#f0eeed}
:host([data-theme=dark]){--bg:#18181b;--fg:#f1f1f3;--mu:#a9a9b2;--ln:#303036;--sk:#27272c}
@media (prefers-color-scheme:dark){:host([data-theme=auto]){--bg:#18181b;--fg:#f1f1f3;--mu:#a9a9b2;--ln:#303036;--sk:#27272c}}
.box{box-sizing:border-box;background:var(--bg);color:var(--fg);font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;padding:16px;border:1px solid var(--ln);border-radius:12px;text-align:left}
.h{margin:0 0 12px;font-size:18px;line-height:24px;height:24px;font-weight:650;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.g{display:grid;gap:16px;grid-template-columns:repeat(auto-fill,minmax(max(160px,calc((100% - (var(--n) - 1) * 16px) / var(--n))),1fr))}
.c{box-sizing:border-box;display:flex;flex-direction:column;min-width:0;color:inherit;text-decoration:none;border:1px solid var(--ln);border-radius:10px;overflow:hidden;background:var(--bg);transition:border-color .15s}
a.c:hover{border-color:var(--a)}
a.c:hover .t{color:var(--a)}
a.c:focus{outline:3px solid var(--a);outline-offset:2px}
a.c:focus:not(:focus-visible){outline:none}
.i{display:block;position:relative;padding-top:62.5%;background:var(--sk)}
.i img{position:absolute;top:0;left:0;width:100%;height:100%;object-fit:cover;display:block}
.t,.x,.b{display:block;margin:0 12px;overflow:hidden;overflow-wrap:anywhere}
.t{margin-top:10px;font-weight:600;font-size:15px;line-height:20px;height:40px}
.x{margin-top:6px;font-size:13px;line-height:18px;height:54px;color:var(--mu)}
.t,.x{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2}
.x{-webkit-line-clamp:3}
.b{margin-top:6px;font-size:12px;line-height:16px;height:16px;white-space:nowrap;text-overflow:ellipsis;color:var(--fg)}
.b:not(:empty)::before{content:"";display:inline-block;width:7px;height:7px;border-radius:50%;background:var(--a);margin-right:6px;vertical-align:1px}
.f{display:flex;align-items:center;gap:8px;margin:8px 12px 12px;height:22px;font-size:12px;line-height:22px;color:var(--mu)}
.m{flex:1;min-width:0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.p{margin-left:auto;flex:none;padding:0 9px;border-radius:11px;background:var(--a);color:#fff;font-weight:600;white-space:nowrap}
.sk .t,.sk .x,.sk .f{background:var(--sk);border-radius:4px}
.sk{animation:bp 1.1s ease-in-out infinite alternate}
@keyframes bp{to{opacity:.5}}
@media (prefers-reduced-motion:reduce){.sk{animation:none}a.c{transition:none}}`;

  // One card: an <a> for data, an aria-hidden <div> of the same shape for the skeleton.
  const card = c => {
    const a = el(c ? 'a' : 'div', c ? 'c' : 'c sk');
    a.setAttribute('part', 'card');
    const i = a.appendChild(el('span', 'i'));
    const add = (cls, text) => a.appendChild(el('span', cls, text));
    if (!c) {
      a.setAttribute('aria-hidden', 'true');
      ['t', 'x', 'b', 'f'].forEach(k => add(k));
      return a;
    }
    a.href = c.url;
    if (c.nofollow) a.rel = 'nofollow';
    if (c.image) {
      const m = i.appendChild(el('img'));
      m.alt = '';
      m.loading = 'lazy';
      m.decoding = 'async';
      m.referrerPolicy = 'no-referrer';
      m.onerror = () => m.remove();
      m.src = c.image;
    }
    add('t', c.title);
    add('x', c.excerpt);
    add('b', c.badge);
    const f = add('f');
    if (c.meta) f.appendChild(el('span', 'm', c.meta));
    if (c.price) f.appendChild(el('span', 'p', c.price));
    return a;
  };

  const norm = (c, kind) => {
    if (!c || typeof c !== 'object') return null;
    const url = safeUrl(c.url);
    if (!url) return null;
    const b = c.badge && typeof c.badge === 'object' ? c.badge : {};
    return {
      url,
      title: str(c.title, 300) || new URL(url).hostname,
      excerpt: str(c.excerpt, 500),
      image: safeUrl(c.image),
      badge: [str(b.name, 100), str(b.credential, 140)].filter(Boolean).join(', '),
      price: str(c.price, 24),
      meta: str(c.meta, 140),
      nofollow: kind === 'shop',
    };
  };

  const boot = s => {
    if (s.hasAttribute('data-beautyidx')) return;
    s.setAttribute('data-beautyidx', '');
    let engine;
    try { engine = new URL(s.src).origin; } catch (e) { return; }
    const ds = s.dataset;
    const kind = ['related', 'shop', 'experts'].includes(ds.kind) ? ds.kind : 'related';
    const lim = Math.min(12, Math.max(1, parseInt(ds.limit, 10) || 4));
    const canon = d.querySelector('link[rel=canonical]');
    const article = safeUrl(ds.articleUrl || (canon && canon.href) || location.href.split('#')[0], location.href);
    if (!article) return;
    const own = str(ds.title, 120);

    const host = el('beautyidx-widget');
    host.setAttribute('data-theme', /^(light|dark)$/.test(ds.theme) ? ds.theme : 'auto');
    host.setAttribute('data-kind', kind);
    const root = host.attachShadow({ mode: 'open' });
    root.appendChild(el('style', '', CSS));
    const box = root.appendChild(el('section', 'box'));
    box.setAttribute('part', 'box');
    box.setAttribute('aria-busy', 'true');
    const h = box.appendChild(el('h2', 'h'));
    const grid = box.appendChild(el('div', 'g'));
    grid.style.setProperty('--n', lim);
    const title = t => { h.textContent = t; box.setAttribute('aria-label', t); };
    title(own || HEAD[kind]);
    for (let i = 0; i < lim; i++) grid.appendChild(card(null));

    // Right after the script tag; a tag in <head> cannot show anything there, so it goes to <body>.
    if (s.parentNode && !s.closest('head')) s.parentNode.insertBefore(host, s.nextSibling);
    else if (d.body) d.body.appendChild(host);
    else d.addEventListener('DOMContentLoaded', () => d.body.appendChild(host));

    const hold = () => { host.style.minHeight = host.offsetHeight + 'px'; };
    const empty = why => {
      if (why) console.warn('beautyidx widget:', why);
      hold();
      box.style.visibility = 'hidden';
      box.removeAttribute('aria-busy');
      whenOff(host, () => { host.style.display = 'none'; });
    };

    const load = async () => {
      const ctl = w.AbortController ? new AbortController() : null;
      const tm = ctl && setTimeout(() => ctl.abort(), 5000);
      let data = null, why = '';
      try {
        const u = new URL('/api/v1/widget', engine);
        u.search = new URLSearchParams({ url: article, kind, limit: String(lim) });
        const r = await fetch(u.href, {
          mode: 'cors', credentials: 'omit', headers: { Accept: 'application/json' }, signal: ctl ? ctl.signal : undefined,
        });
        if (r.status === 404) data = { cards: [] }; // article not indexed: show nothing, quietly
        else if (!r.ok) why = 'HTTP ' + r.status;
        else data = await r.json();
      } catch (e) {
        why = e && e.name === 'AbortError' ? 'timed out' : String((e && e.message) || e);
      }
      clearTimeout(tm);
      if (!why && !(data && Array.isArray(data.cards))) why = 'unexpected answer';
      if (why) return empty(why);
      const cards = data.cards.map(c => norm(c, kind)).filter(Boolean).slice(0, lim);
      if (!cards.length) return empty();
      hold();
      title(own || str(data.heading, 120) || HEAD[kind]);
      grid.textContent = '';
      cards.forEach(c => grid.appendChild(card(c)));
      box.removeAttribute('aria-busy');
      whenOff(host, () => { host.style.minHeight = ''; });
    };

    if (w.IntersectionObserver) {
      const io = new IntersectionObserver(es => {
        if (es.some(e => e.isIntersecting)) { io.disconnect(); load(); }
      }, { rootMargin: '600px 0px' });
      io.observe(host);
    } else load();
  };

  // With async, currentScript is this tag while it runs; otherwise take every widget tag not yet booted.
  const cur = d.currentScript;
  if (cur && cur.src) boot(cur);
  else Array.from(d.querySelectorAll('script[src]')).filter(s => /\/widget\.js([?#].*)?$/.test(s.src)).forEach(boot);
})();
