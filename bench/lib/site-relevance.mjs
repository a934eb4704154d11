// Site relevance: the judged Python-docs queries
// (tests/relevance/python-docs.queries.json: exact words, several words,
// phrases, prefixes while typing, one- and two-edit typos; accepted pages per
// query) run through Osprey's bundle (the page API, as the widget) and
// Pagefind's index (pagefind.search), both built from the same site by the
// bench's corpus step, in Chromium, a fresh page per query (no engine state
// carries over). Each query's rank is the place of its first accepted page
// among the first 10 pages (the hits of both engines are pages); s@1, s@10 and
// MRR@10 per query type.
import fs from 'node:fs';
import { withTimeout } from './browser.mjs';
import { bestRank, rankMetrics } from '../../tests/relevance/metrics.mjs';

export const SITE_ENGINES = ['osprey', 'pagefind'];

/** targets: {engine: {cfg} | {error}} (main.mjs's netTargets). */
export async function runSiteRelevance({ browser, server, targets, queriesFile, log, timeoutMs }) {
  const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8'));
  const out = { queries: queries.length, file: queriesFile, engines: {} };
  for (const engine of SITE_ENGINES) {
    const target = targets[engine];
    if (!target?.cfg) {
      out.engines[engine] = { error: target?.error || 'no index' };
      continue;
    }
    log(`site relevance: ${engine}, ${queries.length} judged queries, a fresh page each`);
    const results = [];
    for (const it of queries) {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(`${server.origin}/bench/harness.html`);
        await page.waitForFunction(() => window.bench && window.bench.ready);
        const pages = await withTimeout(
          page.evaluate(([e, c, q]) => window.bench.judge(e, c, q), [engine, target.cfg, it.q]), timeoutMs, it.q);
        results.push({ q: it.q, type: it.type, rank: bestRank(pages, it.expect), top: pages.slice(0, 3) });
      } catch (error) {
        results.push({ q: it.q, type: it.type, rank: -1, error: String(error.message || error).split('\n')[0] });
      } finally {
        await context.close().catch(() => {});
      }
    }
    out.engines[engine] = { results };
  }
  return out;
}

const pct = (x) => `${(100 * x).toFixed(1)}%`;

/** The markdown section for one corpus's site relevance result. */
export function siteRelevanceSection(label, rel, heading = '##') {
  const out = [`${heading} Site relevance: ${label} (${rel.queries} judged queries)`, ''];
  out.push('`tests/relevance/python-docs.queries.json` through each engine in Chromium, a fresh page per query; ' +
           'ranks over the first 10 pages (the hits of both engines are pages). Each Pagefind cell reads ' +
           '`value · Osprey − Pagefind` in points (MRR: the difference).', '');
  const [o, p] = SITE_ENGINES.map((e) => rel.engines[e]);
  if (o?.error || p?.error) {
    for (const e of SITE_ENGINES) if (rel.engines[e]?.error) out.push(`- ${e}: ${rel.engines[e].error}`);
    if (!o?.results || !p?.results) return out.join('\n');
  }
  const types = [...new Set(o.results.map((r) => r.type))];
  const rows = [...types.map((t) => [t, (r) => r.type === t]), ['**all**', () => true]];
  out.push('| queries | n | Osprey s@1 | Pagefind s@1 | Osprey s@10 | Pagefind s@10 | Osprey MRR@10 | Pagefind MRR@10 |',
           '|---|---|---|---|---|---|---|---|');
  for (const [name, keep] of rows) {
    const a = rankMetrics(o.results.filter(keep).map((r) => r.rank));
    const b = rankMetrics(p.results.filter(keep).map((r) => r.rank));
    const d = (x, y) => `${x >= y ? '+' : '−'}${(100 * Math.abs(x - y)).toFixed(1)}`;
    out.push(`| ${name} | ${a.n} | ${pct(a.s1)} | ${pct(b.s1)} · ${d(a.s1, b.s1)} | ${pct(a.s10)} | ` +
             `${pct(b.s10)} · ${d(a.s10, b.s10)} | ${a.mrr.toFixed(3)} | ${b.mrr.toFixed(3)} · ` +
             `${a.mrr >= b.mrr ? '+' : '−'}${Math.abs(a.mrr - b.mrr).toFixed(3)} |`);
  }
  const errors = SITE_ENGINES.flatMap((e) => (rel.engines[e].results || []).filter((r) => r.error)
    .map((r) => `${e} \`${r.q}\`: ${r.error}`));
  if (errors.length) out.push('', `Errors (${errors.length}): ${errors.slice(0, 5).join('; ')}`);
  return out.join('\n');
}
