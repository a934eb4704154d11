// The XSS suite of issue #13: the corpus of tests/browser/xss-payloads.mjs in
// every field of a records index (title, summary, URL, the facet `type`, the
// sort key `date`) and of a --site bundle (page names, <title>/<h1>, body text,
// raw markup, heading ids and permalinks (sub-result anchors), filter, sort and
// meta values from text, attributes, hrefs and srcs), and in the query: typed,
// and through ?q=, the sort and the filter URL parameters. Pages are served
// with the strict CSP of the issue as a header, reporting to the server.
// Asserted: nothing runs (__xss and alert are traps; securitypolicyviolation
// events and server reports are 0), every href in the widget's shadow tree
// is http(s) once resolved, nothing that can load or run is in it (elements and
// attributes outside the renderer's allow-list), marks hold text only, and the
// payloads are shown as the text the engine stored.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';

import { buildIndex, cli, kStrictCsp, launch, nextResults, openPage, resultCount, root, startServer } from './helpers.mjs';
import { payloads } from './xss-payloads.mjs';
import { kReportPath, serve } from '../../scripts/serve.mjs';

let dir, server, base, site, siteServer, siteBase, siteLog, recordsLog, browser;
const kCsp = { 'Content-Security-Policy': `${kStrictCsp}; report-uri ${kReportPath}` };

// Pages named by payloads (the page URL is the file's path).
const hostileNames = [`javascript:__xss('file').html`, `"><img src=x onerror=__xss('file2')>.html`,
                      `' onmouseover='__xss(3)'.html`, 'data:text,x.html'];

const text = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const attr = (s) => text(s).replace(/"/g, '&quot;');
/** What HTML text extraction makes of a payload written as escaped text. */
const collapsed = (s) => s.replace(/[ \t\n\f\r]+/g, ' ').replace(/^ | $/g, '');
const hasControls = (s) => /[\u0000-\u0008\u000b\u000e-\u001f]/.test(s);

/** A page of the hostile site: payload p everywhere a page can carry it. */
function sitePage(i, p) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${text(p)}</title>
<meta name="description" content="${attr(p)}"><meta name="author" content="${attr(p)}">
<meta property="og:image" content="${attr(p)}"><meta property="article:published_time" content="${attr(p)}">
</head><body><main>
<h1>${text(p)}</h1>
<p data-osprey-filter="tag">${text(p)}</p>
<span data-osprey-filter="kind:data-kind" data-kind="${attr(p)}"></span>
<time datetime="${attr(p)}" data-osprey-sort="when:datetime">then</time>
<p>xss${i} ${text(p)} torture</p>
<div>${p}</div>
<h2 id="${attr(p)}">${text(p)} section${i}</h2><p>section text xss${i}</p>
<h3><a href="#${attr(p)}-pl" aria-hidden="true">¶</a>permalink${i} ${text(p)}</h3><p>more xss${i}</p>
<a href="${attr(p)}" data-osprey-meta="link:href">a link</a>
<img src="${attr(p)}" alt="" data-osprey-meta="picture:src">
<span data-osprey-meta="note">${text(p)}</span>
</main></body></html>
`;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'osprey-xss-'));
  // Records: each payload in every field of the news schema.
  const records = payloads.map(([, p], i) => ({ url: p, title: p, summary: `xss${i} ${p} torture`, type: p, date: p }));
  writeFileSync(join(dir, 'records.json'), JSON.stringify(records));
  buildIndex(join(dir, 'records.json'), 'test-xss-corpus.osp');
  recordsLog = spawnSync(cli, ['index', join(dir, 'records.json'), '-o', join(dir, 'records.osp')], { encoding: 'utf8' });
  ({ server, base } = await startServer({ headers: kCsp, reports: true }));

  // A site: one page per payload, and pages whose names are payloads.
  site = join(dir, 'site');
  mkdirSync(site);
  payloads.forEach(([id, p], i) => writeFileSync(join(site, `p${String(i).padStart(2, '0')}-${id}.html`), sitePage(i, p)));
  hostileNames.forEach((name, i) => writeFileSync(join(site, name), sitePage(payloads.length + i, name)));
  const indexed = spawnSync(cli, ['index', '--site', site, '--assets', join(root, 'web')], { encoding: 'utf8' });
  assert.equal(indexed.status, 0, indexed.stderr);
  siteLog = indexed.stderr;
  if (process.env.XSS_LOG) writeFileSync(process.env.XSS_LOG, siteLog);
  writeFileSync(join(site, 'search.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>search</title>
<script type="module" src="osprey/osprey.js"></script></head>
<body><main><osprey-search index="osprey/" browse limit="100" debounce="0"></osprey-search></main></body></html>
`);
  siteServer = await serve(site, 0, { headers: kCsp, reports: true });
  siteBase = `http://127.0.0.1:${siteServer.address().port}`;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
  siteServer?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const trap = () => {
  window.__xssCalls = [];
  window.__xss = (id) => window.__xssCalls.push(String(id));
  window.alert = window.confirm = window.prompt = (id) => window.__xssCalls.push(`alert ${id}`);
};

/**
 * What the widget's shadow tree holds that its renderer never makes: elements
 * and attributes outside the allow-list, hrefs that are not http(s) once
 * resolved, marks with anything but text. Returns a list of findings.
 */
function audit(page) {
  return page.evaluate(() => {
    const tags = new Set(['div', 'form', 'label', 'input', 'kbd', 'ul', 'li', 'span', 'button', 'p', 'select',
                          'option', 'fieldset', 'legend', 'h2', 'h3', 'h4', 'h5', 'h6', 'a', 'mark', 'svg', 'section', 'ol',
                          'circle', 'path', 'bdi',  // bdi: the query in the status line, bidi-isolated
                          'img']);  // a site page's image (widget/hit-extras.js)
    const attributes = new Set(['class', 'part', 'id', 'role', 'type', 'hidden', 'href', 'for', 'value',
                                'data-doc', 'data-url', 'data-index', 'autocomplete', 'spellcheck',
                                'autocapitalize', 'enterkeyhint', 'viewBox', 'focusable', 'cx', 'cy', 'r',
                                'd', 'tabindex', 'novalidate', 'disabled', 'checked', 'selected', 'placeholder',
                                'dir', 'data-key', 'src', 'alt', 'loading']);
    const found = [];
    const root = document.querySelector('osprey-search').shadowRoot;
    for (const node of root.querySelectorAll('*')) {
      if (!tags.has(node.localName)) found.push(`element <${node.localName}>`);
      for (const { name, value } of node.attributes) {
        if (!attributes.has(name) && !name.startsWith('aria-')) found.push(`<${node.localName} ${name}="${value.slice(0, 60)}">`);
      }
      if (node.hasAttribute('href')) {
        let protocol = 'unparsable';
        try {
          protocol = new URL(node.getAttribute('href'), document.baseURI).protocol;
        } catch { /* reported below */ }
        if (node.localName !== 'a' || !/^https?:$/.test(protocol) || !/^https?:$/.test(new URL(node.href).protocol)) {
          found.push(`href ${protocol} ${node.getAttribute('href').slice(0, 60)}`);
        }
      }
      // An image only as a page's image: an http(s) URL, no alt text of the index's.
      if (node.hasAttribute('src') || node.localName === 'img') {
        let protocol = 'unparsable';
        try {
          protocol = new URL(node.getAttribute('src'), document.baseURI).protocol;
        } catch { /* reported below */ }
        if (node.localName !== 'img' || !/^https?:$/.test(protocol) || node.getAttribute('alt') !== '' ||
            node.getAttribute('class') !== 'thumb') {
          found.push(`src ${protocol} <${node.localName} alt="${node.getAttribute('alt')}">`);
        }
      }
      if (node.localName === 'mark' && [...node.childNodes].some((c) => c.nodeType !== Node.TEXT_NODE)) {
        found.push('a mark with elements in it');
      }
      if (node.localName === 'svg' && node.getAttribute('class') !== 'icon') found.push('an svg that is no icon');
    }
    // No <osprey-search> sibling or document node was made from a payload.
    for (const node of document.querySelectorAll('img, iframe, object, embed, svg, math, details, video, base')) {
      found.push(`document <${node.localName}>`);
    }
    return found;
  });
}

/**
 * Nothing ran: traps, CSP events in the page and reports at the server since
 * `from`. But img-src: a page's image URL off the site (the index's og:image,
 * data-osprey-meta="image:src") is refused by default-src 'self', and the
 * widget then removes the image (audit checks it is an http(s) .thumb with no
 * alt text): a load refused, not a script run.
 */
async function assertNothingRan(page, problems, srv, from) {
  const image = (directive) => /^img-src\b/.test(String(directive));
  assert.deepEqual(await page.evaluate(() => window.__xssCalls), []);
  assert.deepEqual((await page.evaluate(() => window.__csp)).filter((v) => !image(v)), []);
  assert.deepEqual(problems, []);
  await new Promise((r) => setTimeout(r, 200));
  assert.deepEqual(srv.cspReports.slice(from).filter((r) => !image(r['effective-directive'] ?? r.effectiveDirective ??
                                                                     r['violated-directive'])), []);
}

/** The hits shown: [{doc, kind, title, excerpt, href}] (kind: hit or sub). */
function shownHits(page) {
  return page.evaluate(() => [...document.querySelector('osprey-search').shadowRoot.querySelectorAll('li.hit, li.sub')]
    .map((li) => {
      const link = li.querySelector(':scope > .title > .link, :scope > .link');
      return {
        doc: Number(li.dataset.doc), kind: li.classList.contains('sub') ? 'sub' : 'hit',
        title: link?.textContent ?? null, href: link?.localName === 'a' ? link.href : null,
        excerpt: li.querySelector(':scope > .excerpt')?.textContent ?? null,
      };
    }));
}

/** The engine's hits for the same browse, by doc, through the element's searcher. */
function engineHits(page, options) {
  return page.evaluate(async (o) => {
    const result = await document.querySelector('osprey-search').searcher.search('', { browse: true, ...o });
    return Object.fromEntries(result.hits.flatMap((h) => [h, ...(h.sections ?? [])]).map((h) => [h.doc, h]));
  }, options);
}

/** assert.equal that quotes at most 120 characters of each side (payloads can be 30 KB). */
function same(actual, expected, label) {
  if (actual === expected) return;
  const cut = (v) => JSON.stringify(typeof v === 'string' && v.length > 120 ? `${v.slice(0, 120)}…(${v.length})` : v);
  assert.fail(`${label}: ${cut(actual)} !== ${cut(expected)}`);
}

/** A payload as a URL parameter: node's server takes request lines up to 16 KiB. */
const param = (p) => p.slice(0, 3000);

const segmentsText = (e) => (e.cutStart ? '… ' : '') + e.segments.map((s) => s.text).join('') + (e.cutEnd ? ' …' : '');

/** Types every payload into the box; after each, the results are audited. */
async function typeEach(page, queries) {
  const input = page.locator('osprey-search input[role="combobox"]');
  for (const typed of queries) {
    const n = await resultCount(page);
    await input.fill(typed);
    // A search box holds no line breaks: the query is what it holds.
    const q = await input.inputValue();
    if (!/[\r\n]/.test(typed)) same(q, typed, 'the query as typed');
    same((await nextResults(page, n)).query, q, 'the query searched');
    assert.deepEqual(await audit(page), [], `query ${JSON.stringify(q.slice(0, 80))}`);
    const status = await page.locator('osprey-search .status').textContent();
    if (q.trim() && q.length < 200) assert.ok(status.includes(q.trim()), `status ${JSON.stringify(status.slice(0, 120))}`);
    const marks = await page.evaluate(() => [...document.querySelector('osprey-search').shadowRoot.querySelectorAll('mark')]
      .filter((m) => !m.closest('.title, .link, .excerpt')).length);
    assert.equal(marks, 0, 'marks only in titles and excerpts');
  }
}

test(`records: ${payloads.length} payloads in title, summary, URL, facet and sort values render as text`, async () => {
  const from = server.cspReports.length;
  // Indexing them: one warning line per record (its date is no date), each
  // quoting the value on one line, and the summary.
  assert.equal(recordsLog.status, 0);
  const lines = recordsLog.stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, payloads.length + 1);
  assert.ok(lines.slice(0, -1).every((l) => /^.*records\.json:1: warning: field "year": ".*" is not an ISO 8601 date/.test(l)),
            'one line per warning');
  assert.match(lines.at(-1), new RegExp(`^osprey: indexed ${payloads.length} of ${payloads.length} records `));
  const { page, context, problems } = await openPage(
    browser, `${base}/tests/widget.html#index=../index/test-xss-corpus.osp&browse=&limit=100&debounce=0`, { init: trap });
  assert.deepEqual(await audit(page), []);
  const shown = await shownHits(page);
  assert.equal(shown.length, payloads.length);
  // Whole titles (a hit carries a title longer than its excerpt only as the excerpt).
  const engine = await engineHits(page, { limit: 100, fields: ['title'] });
  for (const hit of shown) {
    const [id, p] = payloads[hit.doc];
    const fields = engine[hit.doc].fields;
    const { excerpts } = engine[hit.doc];
    same(fields.title, p, `${id}: stored as given`);
    same(hit.title, excerpts.title ? segmentsText(excerpts.title) : p, `${id}: the title as text`);
    if (p.length < 1000) same(hit.title, p, `${id}: the whole title`);
    assert.ok(hit.excerpt.startsWith(`xss${hit.doc} `), `${id}: the summary as text`);
    same(hit.excerpt, segmentsText(excerpts.summary), `${id}: the summary's excerpt`);
    // A link only where the URL is http(s) or relative (then resolved against the page).
    const url = (() => {
      try {
        return new URL(p, `${base}/tests/widget.html`);
      } catch {
        return null;
      }
    })();
    if (url && /^https?:$/.test(url.protocol)) same(hit.href, url.href, `${id} links`);
    else same(hit.href, null, `${id}: ${JSON.stringify(p.slice(0, 40))} is no link`);
  }
  const noLink = shown.filter((h) => h.href === null).map((h) => payloads[h.doc][0]).sort();
  assert.deepEqual(noLink, ['blob', 'css-url', 'data-base64', 'data-html', 'data-svg', 'file', 'js', 'js-case', 'js-comment',
                            'js-control', 'js-inner-newline', 'js-inner-tab', 'js-space', 'js-tab', 'vbscript',
                            'vbscript-case'].sort());
  // The facet values and the sort (date) values are text.
  const values = await page.evaluate(() => [...document.querySelector('osprey-search').shadowRoot
    .querySelectorAll('.facet .value')].map((v) => v.textContent));
  const types = await page.evaluate(async () => (await document.querySelector('osprey-search').searcher
    .search('', { browse: true, limit: 0, facets: true })).facets.type.map((v) => v.value));
  assert.ok(values.length > 0, 'facet values are shown');
  assert.deepEqual(values.filter((v) => !types.includes(v)).map((v) => v.slice(0, 80)), [], 'facet values as stored');
  const metas = await page.evaluate(() => [...document.querySelector('osprey-search').shadowRoot.querySelectorAll('.hit .meta')]
    .map((m) => [Number(m.closest('.hit').dataset.doc), m.textContent]));
  for (const [doc, meta] of metas) same(meta, `${payloads[doc][1]} • ${payloads[doc][1]}`, payloads[doc][0]);

  // Every payload as a typed query.
  await typeEach(page, payloads.map(([, p]) => p));
  await assertNothingRan(page, problems, server, from);
  // A control: what the audit looks for is found when it is there.
  const planted = await page.evaluate(() => {
    const hit = document.querySelector('osprey-search').shadowRoot.querySelector('.hit');
    const a = document.createElement('a');
    a.href = 'javascript:void 0';
    a.setAttribute('onclick', 'x');
    const mark = document.createElement('mark');
    mark.append(document.createElement('b'));
    hit.append(a, mark);
  }).then(() => audit(page));
  assert.deepEqual(planted, ['<a onclick="x">', 'href javascript: javascript:void 0', 'a mark with elements in it',
                             'element <b>']);
  // and the page counts the inline handler it refuses.
  await page.waitForFunction(() => window.__csp.length > 0);
  assert.ok((await page.evaluate(() => window.__csp)).every((v) => v.startsWith('script-src-attr')));
  await context.close();
  // The server hears of it too (awaited, so no later test counts it).
  for (let i = 0; i < 50 && server.cspReports.length === from; i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(server.cspReports.length > from, 'the server got the report');
});

test('records: payloads in ?q=, the sort and the filter URL parameters', async () => {
  const from = server.cspReports.length;
  const { page, context, problems } = await openPage(browser, 'about:blank', { init: trap, wait: false });
  // Every payload once in one of the parameters: q, sort, or one of four type filters.
  for (let i = 0; i < payloads.length; i += 6) {
    const [q, sort, ...types] = [0, 1, 2, 3, 4, 5].map((k) => param(payloads[(i + k) % payloads.length][1]));
    const params = new URLSearchParams([['q', q], ['sort', sort], ...types.map((t) => ['type', t]), ['type', '__proto__'],
                                        ['sort', 'date:desc']]);
    await page.goto(`${base}/tests/widget.html?${params}#index=../index/test-xss-corpus.osp&limit=100`);
    await page.waitForFunction(() => {
      const el = document.querySelector('osprey-search');
      return el?.getAttribute('state') === 'ready' && window.__events.some(([t]) => t === 'osprey-results');
    });
    same(await page.inputValue('osprey-search input[role="combobox"]'), q, 'the query from the URL');
    assert.deepEqual(await audit(page), [], `?q=${JSON.stringify(q.slice(0, 60))}`);
    // The filter chosen in the URL is a checked box labelled with its text.
    const checked = await page.evaluate(() => [...document.querySelector('osprey-search').shadowRoot
      .querySelectorAll('.facet input:checked')].map((box) => box.closest('label').querySelector('.value').textContent));
    assert.deepEqual(checked.sort(), [...new Set([...types, '__proto__'])].sort());
  }
  await assertNothingRan(page, problems, server, from);
  await context.close();
});

test(`--site: ${payloads.length + hostileNames.length} pages carrying payloads in text, attributes, ids, hrefs and names`, async () => {
  const from = siteServer.cspReports.length;
  const { page, context, problems } = await openPage(browser, `${siteBase}/search.html`, { init: trap });
  assert.deepEqual(await audit(page), []);
  // Every page (browsing lists no sections), "show more" until all are listed.
  for (;;) {
    const more = page.locator('osprey-search button.more');
    if (!(await more.isVisible())) break;
    const n = await resultCount(page);
    await more.click();
    await page.waitForFunction((k) => window.__events.filter(([t]) => t === 'osprey-results').length > k ||
      !document.querySelector('osprey-search').shadowRoot.querySelector('button.more').checkVisibility(), n);
    await page.waitForTimeout(50);
  }
  assert.deepEqual(await audit(page), []);
  const shown = await shownHits(page);
  const engine = await engineHits(page, { limit: 1000, fields: ['title', 'section'] });
  const pages = shown.filter((h) => h.kind === 'hit');
  // The page with a NUL byte is skipped as binary, counted and said in one line;
  // every other page is listed.
  const nul = payloads.findIndex(([id]) => id === 'js-nul');
  const skipped = siteLog.split('\n').filter((line) => line.includes('skipped'));
  assert.deepEqual(skipped, [
    `${site}/p${nul}-js-nul.html: warning: not text (binary bytes in the first 8 KiB); skipped`,
    `osprey: ${payloads.length + hostileNames.length - 1} pages indexed of ${payloads.length + hostileNames.length} files (1 skipped); ` +
      siteLog.split('(1 skipped); ')[1].split('\n')[0],
  ]);
  assert.ok(siteLog.split('\n').filter(Boolean).every((line) => line.startsWith(`${site}/`) || line.startsWith('osprey: ')));
  assert.equal(pages.length, payloads.length + hostileNames.length - 1);
  let exact = 0;
  for (const hit of shown) {
    const { fields, excerpts } = engine[hit.doc];
    if (fields.section) {
      assert.ok(hit.title.includes(excerpts?.section ? segmentsText(excerpts.section) : fields.section), fields.url);
      assert.ok(fields.url.includes('#'), `a section links to its anchor: ${fields.url}`);
    } else {
      same(hit.title, excerpts?.title ? segmentsText(excerpts.title) : fields.title, fields.url.slice(0, 80));
    }
    if (hit.href !== null) assert.match(hit.href, new RegExp(`^${siteBase}/`), 'links stay on the site');
    // A page of a payload: its <h1> (escaped text) is its title, as text.
    const m = /^p(\d\d)-/.exec(fields.page);
    if (m && !fields.section) {
      const p = payloads[Number(m[1])][1];
      if (!hasControls(p)) {
        same(fields.title, collapsed(p), `${payloads[Number(m[1])][0]}: the title`);
        exact++;
      }
    }
  }
  assert.ok(exact >= payloads.length - 2, `${exact} titles as given`);
  // Every URL in the index resolves to a page of the site, as the recipe of
  // docs/site-indexing.md resolves it (new URL(url, siteRoot)): pages named
  // "javascript:….html" too (the indexer encodes a ':' in the first segment).
  for (const { fields } of Object.values(engine)) {
    for (const url of [fields.url, fields.page]) {
      assert.ok(new URL(url, `${siteBase}/`).href.startsWith(`${siteBase}/`), `${url.slice(0, 80)} stays on the site`);
    }
  }
  // Pages named by payloads are listed and link to themselves.
  for (const name of hostileNames) {
    const hit = pages.find((h) => decodeURIComponent(engine[h.doc].fields.page) === name);
    assert.ok(hit, `the page ${name} is listed`);
    same(hit.href, new URL(engine[hit.doc].fields.page, `${siteBase}/`).href, `${name} links to itself`);
  }
  // Filter and sort values from text and attributes.
  const values = await page.evaluate(() => [...document.querySelector('osprey-search').shadowRoot
    .querySelectorAll('.facet .value')].map((v) => v.textContent));
  assert.ok(values.includes(collapsed(payloads[0][1])), 'a markup filter value as text');

  await typeEach(page, payloads.map(([, p]) => p));
  await assertNothingRan(page, problems, siteServer, from);
  await context.close();
});

test('--site: payloads in ?q=, sort and filter parameters', async () => {
  const from = siteServer.cspReports.length;
  const { page, context, problems } = await openPage(browser, 'about:blank', { init: trap, wait: false });
  for (let i = 0; i < payloads.length; i += 6) {
    const [q, sort, ...tags] = [0, 1, 2, 3, 4, 5].map((k) => param(payloads[(i + k) % payloads.length][1]));
    const params = new URLSearchParams([['q', q], ['sort', `${sort}:asc`], ...tags.map((t) => ['tag', collapsed(t)]),
                                        ...tags.map((t) => ['kind', t])]);
    await page.goto(`${siteBase}/search.html?${params}`);
    await page.waitForFunction(() => document.querySelector('osprey-search')?.getAttribute('state') === 'ready' &&
      window.__events.some(([t]) => t === 'osprey-results'));
    same(await page.inputValue('osprey-search input[role="combobox"]'), q, 'the query from the URL');
    assert.deepEqual(await audit(page), [], `?q=${JSON.stringify(q.slice(0, 60))}`);
  }
  await assertNothingRan(page, problems, siteServer, from);
  await context.close();
});
