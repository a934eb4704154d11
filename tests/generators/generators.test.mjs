// The guides of docs/guides/ for Hugo, Jekyll, Eleventy, MkDocs and Sphinx,
// run as written: each guide's files are written into a fresh project,
// Debian's manual pages (manpages.mjs) become its content, and the guide's
// commands run in order — the generator (Debian's hugo, jekyll, mkdocs,
// sphinx-build with the system's PATH; Eleventy's `npx @11ty/eleventy` with
// only node, npm, npx and sh on PATH), `npm install` with the tarballs of
// scripts/release for osprey-search (offline, except for a guide whose
// install also names pinned packages of the npm registry: Eleventy's), and
// `npx osprey-search index` and `serve` with only node, npm, npx and sh on
// PATH (tests/package/npm.mjs). Then the served site's own search page, in
// Chromium, is searched through <osprey-search>; the queries come from the
// generated content, never from one page's wording:
//   - a word only one page has: that page first;
//   - a command's name, where Hugo, Jekyll and Eleventy also have tag and
//     list pages naming it: the command's page first, and every hit an
//     article (no list or taxonomy page); where articles carry a tag (Hugo,
//     Jekyll, Eleventy), the tag facet counts pages, adding up to the total;
//   - the name and a heading of its page: the page first, with 1 to 3 of its
//     sections under it, and every deep link lands on an element of the page
//     with its anchor.
// usage: scripts/release && node --test tests/generators/
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { binTarball, jsTarball, nodeOnlyBin, npmEnv, project, run, serve } from '../package/npm.mjs';
import { launch, root } from '../site/browser.mjs';
import { readGuide } from './guide.mjs';
import { distinctiveWord, manualPages, toMarkdown, toRest } from './manpages.mjs';

let tmp, browser, pages;

before(async () => {
  for (const f of [jsTarball, binTarball]) assert.ok(existsSync(f), `${f} is missing: run scripts/release first`);
  tmp = mkdtempSync(join(tmpdir(), 'osprey-generators-'));
  nodeOnlyBin(tmp);
  pages = await manualPages();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function write(file, text) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/**
 * Per generator: the guide, the program its build command starts with (npx
 * and a package: run with npmEnv), the content it needs (written before the
 * guide's commands run), the search page's path, a manual page's URL
 * (relative to the site root), how many pages besides the manual pages the
 * guide's index command indexes (the home page, where the generator's is
 * text of its own rather than a list), and
 * the list pages the site has that name a given manual page (none of them
 * may be a hit); tagged: each article carries its package as a tag filter;
 * registry: its npm install reaches the npm registry (the guide pins each
 * version, name@X.Y.Z).
 */
const generators = [
  {
    name: 'Hugo', guide: 'docs/guides/hugo.md', program: 'hugo', searchPage: 'search/',
    url: (name) => `man/${name}/`, extraPages: 0,
    lists: (page) => ['index.html', 'man/index.html', `tags/${page.package}/index.html`], tagged: true,
    content(dir) {
      for (const p of pages) write(join(dir, 'content/man', `${p.name}.md`), toMarkdown(p, { frontMatter: 'json' }));
    },
  },
  {
    name: 'Jekyll', guide: 'docs/guides/jekyll.md', program: 'jekyll', searchPage: 'search/',
    url: (name) => `man/${name}/`, extraPages: 0,
    lists: () => ['index.html', 'tags/index.html'], tagged: true,
    content(dir) {
      for (const p of pages) write(join(dir, '_posts', `2024-01-01-${p.name}.md`), toMarkdown(p, { frontMatter: 'yaml' }));
    },
  },
  {
    name: 'Eleventy', guide: 'docs/guides/eleventy.md', program: 'npx @11ty/eleventy', searchPage: 'search/',
    url: (name) => `man/${name}/`, extraPages: 0, registry: true,
    lists: (page) => ['index.html', `tags/${page.package}/index.html`], tagged: true,
    content(dir) {
      for (const p of pages) write(join(dir, 'man', `${p.name}.md`), toMarkdown(p, { frontMatter: 'yaml' }));
    },
  },
  {
    name: 'MkDocs', guide: 'docs/guides/mkdocs.md', program: 'mkdocs', searchPage: 'search/',
    url: (name) => `man/${name}/`, extraPages: 1,
    content(dir) {
      write(join(dir, 'docs/index.md'), `# Manual pages\n\nDebian's manual pages of ${pages.length} commands.\n`);
      for (const p of pages) write(join(dir, 'docs/man', `${p.name}.md`), toMarkdown(p));
    },
  },
  {
    name: 'Sphinx', guide: 'docs/guides/sphinx.md', program: 'sphinx-build', searchPage: 'site-search.html',
    url: (name) => `man/${name}.html`, extraPages: 1,
    content(dir) {
      write(join(dir, 'index.rst'), 'Manual pages\n============\n\n.. toctree::\n   :glob:\n\n   man/*\n');
      for (const p of pages) write(join(dir, 'man', `${p.name}.rst`), toRest(p));
    },
  },
];

/**
 * Runs the guide's commands in dir; resolves to the server that the last one
 * started ({base, stop}), the folder served, the pages the index command
 * indexed (its summary line) and the time of each step. The commands a guide may
 * have: npm install … osprey-search (the tarballs are installed instead),
 * the generator's build, npx osprey-search index …, npx osprey-search serve DIR.
 */
async function runGuide(g, dir, commands) {
  const times = {};
  let server = null;
  let served = null;
  let indexed = null;
  for (const words of commands) {
    const line = words.join(' ');
    const started = Date.now();
    if (words[0] === 'npm' && words[1] === 'install' && words.at(-1) === 'osprey-search') {
      const others = words.slice(2, -1).filter((w) => !w.startsWith('-'));
      for (const w of others) assert.match(w, /^@?[^@]+@\d+\.\d+\.\d+$/, `${line}: ${w} is not pinned`);
      assert.equal(others.length > 0, Boolean(g.registry), `${line}: registry packages`);
      const env = npmEnv(tmp);
      if (g.registry) delete env.npm_config_offline;
      const r = run('npm', [...words.slice(1, -1), jsTarball, binTarball], { cwd: dir, env });
      assert.equal(r.code, 0, `${line}: ${r.stderr}`);
    } else if (line === g.program || line.startsWith(`${g.program} `)) {
      const r = run(words[0], words.slice(1), { cwd: dir, env: words[0] === 'npx' ? npmEnv(tmp) : process.env });
      assert.equal(r.code, 0, `${line}: ${r.stdout}${r.stderr}`);
      // Eleventy times its filters and prints `[11ty] Benchmark` for any over
      // 8% of a build (here its slugify filter: ~20 ms, 9%); a timing, not a
      // warning about the site.
      const warnings = r.stderr.split('\n').filter((l) => l !== '' && !/^\[11ty\] Benchmark /.test(l));
      assert.deepEqual(warnings, [], `${line} warned`);
    } else if (line.startsWith('npx osprey-search index ')) {
      const r = run('npx', words.slice(1), { cwd: dir, env: npmEnv(tmp) });
      assert.equal(r.code, 0, `${line}: ${r.stderr}`);
      assert.match(r.stderr, /^osprey: 0 warnings$/m, `${line}: ${r.stderr}`);
      indexed = Number(/^osprey: (\d+) pages? indexed/m.exec(r.stderr)?.[1]);
    } else if (line.startsWith('npx osprey-search serve ') && words.length === 4) {
      server = await serve('npx', [...words.slice(1), '--port', '0', '--quiet'], { cwd: dir, env: npmEnv(tmp) });
      served = join(dir, words[3]);
    } else {
      assert.fail(`${g.guide}: the test does not know how to run \`${line}\``);
    }
    times[words.slice(0, 3).join(' ')] = Date.now() - started;
  }
  assert.ok(server, `${g.guide} starts no server`);
  return { server, served, indexed, times };
}

/**
 * Types query into the page's <osprey-search>; resolves to what it shows:
 * {total, hits: [{url, subs: [href]}], facets: {value: count}} (the values of
 * every facet, with their counts).
 */
async function typeQuery(tab, query) {
  const seen = await tab.evaluate(() => window.__results.length);
  await tab.locator('osprey-search input[role="combobox"]').fill(query);
  await tab.waitForFunction(([n, q]) => window.__results.slice(n).some((r) => r.query === q), [seen, query],
                            { timeout: 30000 });
  const { total } = await tab.evaluate((q) => window.__results.findLast((r) => r.query === q), query);
  const shown = await tab.evaluate(() => {
    const shadow = document.querySelector('osprey-search').shadowRoot;
    return {
      hits: [...shadow.querySelectorAll('.hits > li.hit')].map((li) => ({
        url: li.dataset.url, subs: [...li.querySelectorAll(':scope > .subs a')].map((a) => a.href),
      })),
      facets: Object.fromEntries([...shadow.querySelectorAll('.facet label')]
        .map((l) => [l.querySelector('.value').textContent, Number(l.querySelector('.count').textContent)])),
    };
  });
  return { total, ...shown };
}

/** The level-2 heading of page that the fewest other pages have (its own words only, no stop words). */
function rareHeading(page) {
  const count = (h) => pages.filter((p) => p.sections.some((s) => s.heading === h)).length;
  const candidates = page.sections.filter((s) => s.level === 2 && /^[A-Za-z]{5,}$/.test(s.heading))
    .map((s) => s.heading);
  assert.ok(candidates.length > 0, `${page.name} has no one-word heading`);
  return candidates.sort((a, b) => count(a) - count(b))[0];
}

for (const g of generators) {
  test(`${g.name}: the guide builds the site, npx osprey-search indexes and serves it, Chromium finds pages`,
       async (t) => {
    const guide = readGuide(join(root, g.guide));
    const dir = project(join(tmp, g.program), `${g.program}-site`);
    for (const f of guide.files) write(join(dir, f.path), f.content);
    g.content(dir);
    const { server, served, indexed, times } = await runGuide(g, dir, guide.commands);
    t.diagnostic(`${g.name} ${pages.length} pages, ms per step: ${JSON.stringify(times)}`);
    // The manual pages (and the home page where it is not a list), not the rest.
    assert.equal(indexed, pages.length + g.extraPages);
    // A hit is a manual page, or the home page where the guide indexes it.
    const expected = (url) => pages.some((p) => g.url(p.name) === url) || (g.extraPages > 0 && url === './');
    const tab = await browser.newPage();
    const problems = [];
    tab.on('pageerror', (e) => problems.push(e.message));
    tab.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
    try {
      await tab.addInitScript(() => {
        window.__results = [];
        document.addEventListener('osprey-results', (e) => window.__results.push(e.detail));
      });
      await tab.goto(server.base + g.searchPage);
      await tab.waitForFunction(() => customElements.get('osprey-search'));

      const { page: own, word } = distinctiveWord(pages);
      const distinct = await typeQuery(tab, word);
      assert.equal(distinct.hits[0]?.url, g.url(own.name), `"${word}" (only ${own.name} has it)`);

      // A command whose package has its name: Hugo has a tag page of that name too.
      const named = pages.find((p) => p.package === p.name) ?? pages[0];
      for (const list of g.lists?.(named) ?? []) assert.ok(existsSync(join(served, list)), list);
      const byName = await typeQuery(tab, named.name);
      assert.equal(byName.hits[0]?.url, g.url(named.name), `"${named.name}"`);
      assert.deepEqual(byName.hits.filter((h) => !expected(h.url)), [], `"${named.name}": no list or taxonomy page`);
      assert.ok(byName.total >= byName.hits.length);
      if (g.tagged) {
        // Each article has one tag (its package; Hugo, Jekyll): the tag counts
        // are pages, and add up to the total.
        assert.ok(byName.facets[named.package] >= 1, JSON.stringify(byName.facets));
        assert.equal(Object.values(byName.facets).reduce((a, b) => a + b, 0), byName.total, JSON.stringify(byName.facets));
      }

      const heading = rareHeading(named);
      const query = `${named.name} ${heading.toLowerCase()}`;
      const deep = await typeQuery(tab, query);
      assert.equal(deep.hits[0]?.url, g.url(named.name), `"${query}"`);
      const subs = deep.hits[0].subs;
      assert.ok(subs.length >= 1 && subs.length <= 3, `"${query}": ${subs.length} sections under the page`);
      // Which sections: those whose heading matches (the heading asked for), or
      // with section text indexed, those whose text matches best; either way
      // deep links into this page.
      const pageHref = new URL(g.url(named.name), server.base).href;
      for (const href of subs) assert.equal(href.split('#')[0], pageHref, href);
      assert.deepEqual(problems, []);
      // Each deep link lands on an element of the page that has its anchor.
      for (const href of subs) {
        await tab.goto(href);
        const anchor = decodeURIComponent(new URL(href).hash.slice(1));
        assert.ok(await tab.evaluate((id) => document.getElementById(id) !== null, anchor), href);
      }
    } finally {
      await tab.close();
      await server.stop();
    }
  });
}
